import { ConflictError } from '../errors/errors.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import type { DefinedKind } from './sync-recorder.js';

/** Every kind of behavior-model entity a sync may change (tags only through cascades). */
export type ModelKind = DefinedKind | 'tag';

/** The store port of each kind. */
export const PORT_OF: Readonly<Record<ModelKind, keyof StoreTransaction>> = {
  agent: 'agents',
  guideline: 'guidelines',
  journey: 'journeys',
  relationship: 'relationships',
  term: 'terms',
  variable: 'variables',
  cannedResponse: 'cannedResponses',
  capability: 'capabilities',
  tag: 'tags',
};

/** A stored entity, as the tracker sees it. */
export type StoredEntity = { id: string } & Record<string, unknown>;

/** One entity a transaction wrote: as it was before and as it is now (`undefined`: none). */
export interface TrackedChange {
  kind: ModelKind;
  id: string;
  before: StoredEntity | undefined;
  after: StoredEntity | undefined;
}

interface EntityPort {
  find(id: string): Promise<StoredEntity | undefined>;
}

/** A transaction whose behavior-model writes are tracked. */
export interface ChangeTracker {
  /** The transaction to write through. */
  tx: StoreTransaction;
  /** Every entity written through {@link tx}, with its state before the first write and now. */
  changes(): Promise<TrackedChange[]>;
}

const WRITES = new Set(['create', 'update', 'delete']);

/**
 * Wraps a transaction so that every create, update and delete of a behavior-model entity —
 * cascades included — is remembered with the entity as it was before, for a sync's plan.
 */
export function trackChanges(tx: StoreTransaction): ChangeTracker {
  const before = new Map<string, TrackedChange>();
  const tracked: Record<string, unknown> = { ...tx };
  for (const [kind, name] of Object.entries(PORT_OF) as [ModelKind, keyof StoreTransaction][]) {
    const port = tx[name] as unknown as EntityPort & Record<string, unknown>;
    const remember = async (id: string | undefined) => {
      if (id === undefined || before.has(`${kind}:${id}`)) return;
      const found = await port.find(id);
      before.set(`${kind}:${id}`, { kind, id, before: found, after: undefined });
    };
    tracked[name] = new Proxy(port, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function' || !WRITES.has(String(property))) {
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (...args: unknown[]) => {
          const [first] = args;
          const id = typeof first === 'string' ? first : (first as { id?: string }).id;
          const fresh = id !== undefined && !before.has(`${kind}:${id}`);
          await remember(id);
          let result: unknown;
          try {
            result = await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (error) {
            // Another writer committed it first: what was there before is theirs, read it again.
            if (fresh && ConflictError.is(error)) before.delete(`${kind}:${id}`);
            throw error;
          }
          // A create without an id: nothing was there before the id it got.
          const created = property === 'create' ? (result as StoredEntity).id : undefined;
          if (created !== undefined && !before.has(`${kind}:${created}`)) {
            before.set(`${kind}:${created}`, {
              kind,
              id: created,
              before: undefined,
              after: undefined,
            });
          }
          return result;
        };
      },
    });
  }
  return {
    tx: tracked as unknown as StoreTransaction,
    async changes() {
      const changes: TrackedChange[] = [];
      for (const change of before.values()) {
        const port = tx[PORT_OF[change.kind]] as unknown as EntityPort;
        changes.push({ ...change, after: await port.find(change.id) });
      }
      return changes;
    },
  };
}
