import { ConflictError } from '../errors/errors.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import { sameJson } from './same-json.js';
import type { UnitRunner } from './unit.js';

/**
 * A change of an entity: the patch, or a function of the entity as stored that returns the
 * patch — read and written in one transaction, so nobody's write slips in between.
 */
export type EntityChange<Entity, Patch> =
  | Patch
  | ((current: Entity, tx: StoreTransaction) => Patch | Promise<Patch>);

/** Options of a write. */
export interface WriteOptions {
  /**
   * Checks run in the operation's transaction before anything is written (that referenced
   * tags exist, say); a check that throws leaves everything as it was.
   */
  check?: (tx: StoreTransaction) => void | Promise<void>;
}

/** Create, update, delete and define of one kind of behavior-model entity. */
export interface EntityOperations<Entity, Input, Patch> {
  /** Creates the entity (`ConflictError` when its custom id is taken). */
  create(input: Input, options?: WriteOptions): Promise<Entity>;
  /** Changes the entity (`NotFoundError` when there is none). */
  update(id: string, change: EntityChange<Entity, Patch>, options?: WriteOptions): Promise<Entity>;
  /** Deletes the entity with everything its deletion implies (`NotFoundError` when none). */
  delete(id: string): Promise<void>;
  /**
   * Creates the entity under `id`, or updates it to `fields` when it exists; writes nothing
   * when it already holds them. How code defines entities: the same definition at every start.
   */
  define(id: string, fields: Omit<Input, 'id'>): Promise<Entity>;
}

/** The store port of one kind, as the operations use it. */
export interface WritablePort<Entity, Input, Patch> {
  find(id: string): Promise<Entity | undefined>;
  get(id: string): Promise<Entity>;
  create(input: Input): Promise<Entity>;
  update(id: string, patch: Patch): Promise<Entity>;
  delete(id: string): Promise<void>;
}

/** What is special about one kind: the rules its writes imply. Every hook runs in the write's transaction. */
export interface EntityRules<Entity, Input, Patch> {
  /** Checks (and may normalize) an entity about to be created. */
  beforeCreate?(input: Input, tx: StoreTransaction): Input | Promise<Input>;
  /** Checks a patch about to be applied to `current`. */
  beforeUpdate?(current: Entity, patch: Patch, tx: StoreTransaction): void | Promise<void>;
  /** What else changes once `before` became `after`. */
  afterUpdate?(before: Entity, after: Entity, tx: StoreTransaction): void | Promise<void>;
  /** Deletes the entity and what depends on it (default: the entity alone). */
  delete?(id: string, tx: StoreTransaction): Promise<void>;
}

/** Builds the operations of one kind over `port`, each run as one unit by `run`. */
export function entityOperations<Entity, Input extends { id?: string }, Patch>(options: {
  run: UnitRunner;
  port: (tx: StoreTransaction) => WritablePort<Entity, Input, Patch>;
  rules?: EntityRules<Entity, Input, Patch>;
}): EntityOperations<Entity, Input, Patch> {
  const { run, port, rules = {} } = options;
  const create = async (tx: StoreTransaction, input: Input) =>
    port(tx).create((await rules.beforeCreate?.(input, tx)) ?? input);
  const update = async (tx: StoreTransaction, current: Entity & { id: string }, patch: Patch) => {
    await rules.beforeUpdate?.(current, patch, tx);
    const updated = await port(tx).update(current.id, patch);
    await rules.afterUpdate?.(current, updated, tx);
    return updated;
  };
  return {
    create: (input, writeOptions = {}) =>
      run(async (tx) => {
        await writeOptions.check?.(tx);
        return create(tx, input);
      }),
    update: (id, change, writeOptions = {}) =>
      run(async (tx) => {
        const current = (await port(tx).get(id)) as Entity & { id: string };
        await writeOptions.check?.(tx);
        const patch =
          typeof change === 'function'
            ? await (change as (current: Entity, tx: StoreTransaction) => Patch | Promise<Patch>)(
                current,
                tx,
              )
            : change;
        return update(tx, current, patch);
      }),
    delete: (id) =>
      run(async (tx) => {
        if (rules.delete === undefined) await port(tx).delete(id);
        else await rules.delete(id, tx);
      }),
    define: (id, fields) =>
      run(async (tx) => {
        const current = (await port(tx).find(id)) as (Entity & { id: string }) | undefined;
        if (current === undefined) {
          try {
            return await create(tx, { ...fields, id } as Input);
          } catch (error) {
            // Another process defined it first (instances starting together): update theirs.
            if (!ConflictError.is(error)) throw error;
            return update(tx, (await port(tx).get(id)) as Entity & { id: string }, fields as Patch);
          }
        }
        if (holds(current, fields)) return current;
        return update(tx, current, fields as Patch);
      }),
  };
}

/** Whether `entity` already holds every field of `fields`. */
function holds(entity: object, fields: object): boolean {
  const stored = entity as Record<string, unknown>;
  return Object.entries(fields).every(
    ([key, value]) => value === undefined || sameJson(stored[key], value),
  );
}
