import { expect } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/errors.js';
import type { ConductStore } from '../../store/ports.js';
import { type CheckContext, type StoreCheck, storeCheck } from './check.js';
import { expectRejection, GENERATED_ID, issuePaths, pause, scribble, uid } from './fixtures.js';

/** The entity operations the generic checks use (`update` is absent for relationships). */
export interface CrudStore<Entity, Input, Patch, Filter> {
  create(input: Input): Promise<Entity>;
  get(id: string): Promise<Entity>;
  find(id: string): Promise<Entity | undefined>;
  list(filter?: Filter): Promise<Entity[]>;
  update?(id: string, patch: Patch): Promise<Entity>;
  delete(id: string): Promise<void>;
}

/** How the generic CRUD checks exercise one aggregate. */
export interface EntitySpec<
  Entity extends { id: string; createdAt: string },
  Input extends object,
  Patch extends object,
  Filter,
> {
  /** Which store of the bundle holds the aggregate. */
  store(store: ConductStore): CrudStore<Entity, Input, Patch, Filter>;
  /** A valid input; it may create what it references through the context. */
  input(context: CheckContext): Input | Promise<Input>;
  /** Exactly what `create(input)` stores, apart from `id` and `createdAt` (i.e. with defaults). */
  expected(input: Input): Omit<Entity, 'id' | 'createdAt'>;
  /** Makes `input` invalid; `path` must appear among the `ValidationError`'s issues. */
  invalid: { change: Record<string, unknown>; path: (string | number)[] };
  /** Omitted for aggregates that are never edited. */
  update?: {
    /** A valid patch that changes something. */
    patch: Patch;
    /** A field with a value: `{ [keep]: undefined }` must not erase it. */
    keep: string;
    invalid: { patch: Record<string, unknown>; path: (string | number)[] };
  };
  /** True when the aggregate has `tags` and `list` takes a `TagFilter`. */
  tagged?: boolean;
}

/** Creates through the spec and deletes the entity when the check ends. */
async function createTracked<
  Entity extends { id: string; createdAt: string },
  Input extends object,
  Patch extends object,
  Filter,
>(
  spec: EntitySpec<Entity, Input, Patch, Filter>,
  context: CheckContext,
  extra: Record<string, unknown> = {},
): Promise<Entity> {
  const store = spec.store(context.store);
  const entity = await store.create({ ...(await spec.input(context)), ...extra } as Input);
  // Captured now: a check may scribble over the returned entity, id included.
  const { id } = entity;
  context.defer(() => store.delete(id));
  return entity;
}

/** The CRUD checks every aggregate shares, driven by its {@link EntitySpec}. */
export function entityChecks<
  Entity extends { id: string; createdAt: string },
  Input extends object,
  Patch extends object,
  Filter,
>(spec: EntitySpec<Entity, Input, Patch, Filter>): Record<string, StoreCheck> {
  const checks: Record<string, StoreCheck> = {
    createsWithDefaults: storeCheck(
      'creates with defaults and a generated 10-character alphanumeric id',
      async (context) => {
        const store = spec.store(context.store);
        const input = await spec.input(context);
        const entity = await store.create(input);
        context.defer(() => store.delete(entity.id));
        expect(entity).toEqual({
          ...spec.expected(input),
          id: entity.id,
          createdAt: entity.createdAt,
        });
        expect(entity.id).toMatch(GENERATED_ID);
        expect(Number.isNaN(Date.parse(entity.createdAt))).toBe(false);
        expect(await store.get(entity.id)).toEqual(entity);
        expect(await store.find(entity.id)).toEqual(entity);
        expect((await store.list()).filter((item) => item.id === entity.id)).toEqual([entity]);
      },
    ),

    customId: storeCheck(
      'honours a custom id and rejects a duplicate with ConflictError',
      async (context) => {
        const store = spec.store(context.store);
        const id = uid('custom-');
        const entity = await createTracked(spec, context, { id });
        expect(entity.id).toBe(id);
        await expectRejection(
          store.create({ ...(await spec.input(context)), id } as Input),
          ConflictError,
        );
        expect(await store.get(id)).toEqual(entity);
      },
    ),

    rejectsInvalidInput: storeCheck(
      'rejects invalid input with ValidationError naming the path, creating nothing',
      async (context) => {
        const store = spec.store(context.store);
        const id = uid('invalid-');
        const input = { ...(await spec.input(context)), ...spec.invalid.change, id } as Input;
        const error = await expectRejection(store.create(input), ValidationError);
        expect(issuePaths(error)).toContainEqual(spec.invalid.path);
        expect(await store.find(id)).toBeUndefined();
      },
    ),

    listsInCreationOrder: storeCheck(
      'lists in creation order (not id order), each entity once',
      async (context) => {
        const store = spec.store(context.store);
        const suffix = uid();
        const ids: string[] = [];
        for (const prefix of ['z', 'm', 'a']) {
          ids.push((await createTracked(spec, context, { id: `${prefix}${suffix}` })).id);
          // Distinct creation times, so creation order (not the id tie-break) decides.
          await pause(3);
        }
        const listed = (await store.list()).filter((entity) => ids.includes(entity.id));
        expect(listed.map((entity) => entity.id)).toEqual(ids);
      },
    ),

    unknownId: storeCheck(
      'rejects get, update and delete of an unknown id with NotFoundError',
      async ({ store: bundle }) => {
        const store = spec.store(bundle);
        const missing = uid('missing-');
        await expectRejection(store.get(missing), NotFoundError);
        expect(await store.find(missing)).toBeUndefined();
        if (spec.update !== undefined && store.update !== undefined) {
          await expectRejection(store.update(missing, spec.update.patch), NotFoundError);
        }
        await expectRejection(store.delete(missing), NotFoundError);
      },
    ),

    deletes: storeCheck('deletes an entity for good', async (context) => {
      const store = spec.store(context.store);
      const entity = await createTracked(spec, context);
      await store.delete(entity.id);
      await expectRejection(store.get(entity.id), NotFoundError);
      expect(await store.find(entity.id)).toBeUndefined();
      expect((await store.list()).some((item) => item.id === entity.id)).toBe(false);
      await expectRejection(store.delete(entity.id), NotFoundError);
    }),

    returnsCopies: storeCheck('returns entities as copies', async (context) => {
      const store = spec.store(context.store);
      const created = await createTracked(spec, context);
      const snapshot = structuredClone(created);
      scribble(created);
      scribble(await store.get(snapshot.id));
      for (const entity of await store.list()) if (entity.id === snapshot.id) scribble(entity);
      expect(await store.get(snapshot.id)).toEqual(snapshot);
    }),
  };

  const update = spec.update;
  if (update !== undefined) {
    checks.updates = storeCheck(
      'updates given fields, keeps omitted ones, never erases on undefined',
      async (context) => {
        const store = spec.store(context.store);
        const created = await createTracked(spec, context);
        const erase = { [update.keep]: undefined } as Patch;
        expect(await store.update?.(created.id, erase)).toEqual(created);
        const updated = await store.update?.(created.id, update.patch);
        expect(updated).toEqual({ ...created, ...update.patch });
        expect(await store.get(created.id)).toEqual(updated);
        const error = await expectRejection(
          Promise.resolve(store.update?.(created.id, update.invalid.patch as Patch)),
          ValidationError,
        );
        expect(issuePaths(error)).toContainEqual(update.invalid.path);
        expect(await store.get(created.id)).toEqual(updated);
      },
    );
  }

  if (spec.tagged === true) {
    checks.tagFilter = storeCheck('filters by tags with any-of semantics', async (context) => {
      const store = spec.store(context.store);
      const [red, blue, green] = [uid('tag-'), uid('tag-'), uid('tag-')];
      const onlyRed = await createTracked(spec, context, { tags: [red] });
      const onlyBlue = await createTracked(spec, context, { tags: [blue] });
      const both = await createTracked(spec, context, { tags: [blue, red] });
      await createTracked(spec, context, { tags: [] });
      const ids = async (tags: string[]) =>
        (await store.list({ tags } as Filter)).map((entity) => entity.id).sort();
      expect(await ids([red])).toEqual([onlyRed.id, both.id].sort());
      expect(await ids([blue])).toEqual([onlyBlue.id, both.id].sort());
      expect(await ids([red, blue])).toEqual([onlyRed.id, onlyBlue.id, both.id].sort());
      expect(await ids([green])).toEqual([]);
    });
  }
  return checks;
}
