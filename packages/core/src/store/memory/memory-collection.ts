import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors/errors.js';
import { buildEntity, parsePatch } from '../entity-input.js';
import type { EntityStore } from '../entity-store.js';
import { compareByCreation } from '../pagination.js';
import type { MemoryJournal } from './memory-journal.js';

/** How one aggregate is validated and filtered in memory. */
export interface MemoryCollectionSpec<Entity, Filter> {
  /** Entity name used in error messages, e.g. `guideline`. */
  entity: string;
  inputSchema: z.ZodType<{ id?: string | undefined }>;
  patchSchema: z.ZodType<object>;
  matches?: (entity: Entity, filter: Filter | undefined) => boolean;
  /** Runs before an entity is created (e.g. checks a referenced entity exists). */
  beforeCreate?: (entity: Entity) => void;
  /** Runs after an entity is deleted (cascades); `delete` waits for a returned promise. */
  afterDelete?: (id: string) => unknown;
  /** Runs after every create, update or delete (revision tracking). */
  onChange?: () => void;
  /** The store's transactions (changes are undone when a transaction rolls back). */
  journal?: MemoryJournal;
}

/**
 * A generic in-memory {@link EntityStore}: every aggregate of the memory store is one of these
 * (plus its own extras). Stored values are cloned on the way in and out.
 */
export class MemoryCollection<
  Entity extends { id: string; createdAt: string },
  Input,
  Patch,
  Filter,
> implements EntityStore<Entity, Input, Patch, Filter>
{
  readonly #items = new Map<string, Entity>();
  readonly #spec: MemoryCollectionSpec<Entity, Filter>;

  constructor(spec: MemoryCollectionSpec<Entity, Filter>) {
    this.#spec = spec;
  }

  async create(input: Input): Promise<Entity> {
    const entity = buildEntity(
      this.#spec.inputSchema,
      input,
      this.#spec.entity,
    ) as unknown as Entity;
    if (this.#items.has(entity.id)) throw new ConflictError(this.#spec.entity, entity.id);
    this.#spec.beforeCreate?.(entity);
    this.#touch(entity.id);
    this.insert(entity);
    this.#spec.onChange?.();
    return structuredClone(entity);
  }

  async get(id: string): Promise<Entity> {
    return structuredClone(this.require(id));
  }

  async find(id: string): Promise<Entity | undefined> {
    const entity = this.#items.get(id);
    return entity === undefined ? undefined : structuredClone(entity);
  }

  async list(filter?: Filter): Promise<Entity[]> {
    return structuredClone(this.select(filter));
  }

  async update(id: string, patch: Patch): Promise<Entity> {
    const current = this.require(id);
    const changes = parsePatch(this.#spec.patchSchema, patch, this.#spec.entity);
    const updated = { ...current, ...changes } as Entity;
    this.#touch(id);
    this.#items.set(id, structuredClone(updated));
    this.#spec.onChange?.();
    return structuredClone(updated);
  }

  async delete(id: string): Promise<void> {
    this.require(id);
    this.#touch(id);
    this.#items.delete(id);
    await this.#spec.afterDelete?.(id);
    this.#spec.onChange?.();
  }

  /** Stores an already-built entity as is (seeding built-ins). */
  insert(entity: Entity): void {
    this.#items.set(entity.id, structuredClone(entity));
  }

  /** The stored entity, *not* cloned: callers must not leak or change it. */
  peek(id: string): Entity | undefined {
    return this.#items.get(id);
  }

  /** True when an entity with this id exists. */
  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** The stored entities that match, in creation order, *not* cloned: callers must not leak them. */
  select(filter?: Filter): Entity[] {
    const matches = this.#spec.matches;
    return [...this.#items.values()]
      .filter((entity) => matches === undefined || matches(entity, filter))
      .sort(compareByCreation);
  }

  #touch(id: string): void {
    this.#spec.journal?.touch(`${this.#spec.entity}:${id}`, () => {
      const before = this.#items.get(id);
      return () => {
        if (before === undefined) this.#items.delete(id);
        else this.#items.set(id, before);
      };
    });
  }

  private require(id: string): Entity {
    const entity = this.#items.get(id);
    if (entity === undefined) throw new NotFoundError(this.#spec.entity, id);
    return entity;
  }
}
