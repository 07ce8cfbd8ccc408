import { ConflictError } from '../errors/errors.js';

/** The part of an entity store that {@link createOrUpdate} needs. */
export interface Upsertable<Entity, Input> {
  find(id: string): Promise<Entity | undefined>;
  create(input: Input): Promise<Entity>;
  update(id: string, patch: Omit<Input, 'id'>): Promise<Entity>;
}

/**
 * Stores `fields` under `id`: creates the entity when it is missing, else updates it. Safe when
 * several callers (processes starting together on one database) define the same entity at once:
 * a create that loses the race to another writer (`ConflictError`) becomes an update.
 */
export async function createOrUpdate<Entity, Input extends { id?: string }>(options: {
  entities: Upsertable<Entity, Input>;
  id: string;
  fields: Omit<Input, 'id'>;
  /** Whether the entity is known to exist; looked up with `find` when omitted. */
  exists?: boolean;
}): Promise<Entity> {
  const { entities, id, fields } = options;
  const exists = options.exists ?? (await entities.find(id)) !== undefined;
  if (!exists) {
    try {
      return await entities.create({ ...fields, id } as Input);
    } catch (error) {
      if (!ConflictError.is(error)) throw error;
    }
  }
  return entities.update(id, fields);
}

/**
 * Returns the entity stored under `id`, creating it from `input` when missing. For entities
 * whose id derives from their whole content (nothing to update): a create that loses the race
 * to another writer (`ConflictError`) returns the winner's entity.
 */
export async function findOrCreate<Entity, Input extends { id?: string }>(options: {
  entities: Pick<Upsertable<Entity, Input>, 'find' | 'create'> & {
    get(id: string): Promise<Entity>;
  };
  id: string;
  input: Input;
}): Promise<Entity> {
  const { entities, id, input } = options;
  const found = await entities.find(id);
  if (found !== undefined) return found;
  try {
    return await entities.create({ ...input, id });
  } catch (error) {
    if (!ConflictError.is(error)) throw error;
    return entities.get(id);
  }
}
