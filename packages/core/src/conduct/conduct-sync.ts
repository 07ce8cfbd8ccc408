import { type BehaviorModel, behaviorModelIn } from '../behavior/behavior-model.js';
import { ConfigurationError } from '../errors/errors.js';
import type { RetrieverRegistry } from '../grounding/retriever-registry.js';
import type { ConductStore } from '../store/ports.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { type ModelKind, PORT_OF, trackChanges } from './change-tracker.js';
import type { DefinitionContext } from './definition-context.js';
import { derivedOwner } from './derived-ownership.js';
import { type SyncPlan, syncPlanOf } from './sync-plan.js';
import { createSyncRecorder, type DefinedKind, type SyncRecorder } from './sync-recorder.js';

/** Options of `conduct.sync`. */
export interface SyncOptions {
  /** Compute the plan without writing anything (the sync's transaction is rolled back). */
  dryRun?: boolean;
}

/** What a sync needs from its Conduct. */
export interface SyncBase {
  store: ConductStore;
  tools: ToolRegistry;
  retrievers: RetrieverRegistry;
}

class DryRunRollback extends Error {
  readonly plan: SyncPlan;
  constructor(plan: SyncPlan) {
    super('dry run: rolled back');
    this.plan = plan;
  }
}

/**
 * Runs `define` (which defines agents through `context`) in one transaction, then deletes what
 * the code of the agents it defined owns but no longer defines, and returns the plan of what
 * changed. A `define` that throws leaves the store as it was.
 */
export async function runSync(
  base: SyncBase,
  define: (context: DefinitionContext) => Promise<void>,
  options: SyncOptions = {},
): Promise<SyncPlan> {
  const dryRun = options.dryRun === true;
  try {
    return await base.store.transaction(async (transaction) => {
      const tracker = trackChanges(transaction);
      const { tx } = tracker;
      const sync = createSyncRecorder();
      const model = behaviorModelIn(tx, base.tools);
      await define({
        store: joinedStore(tx, base.store),
        model,
        tools: base.tools,
        retrievers: base.retrievers,
        sync,
      });
      await removeUndefined({ tx, model, sync });
      const plan = syncPlanOf({
        changes: await tracker.changes(),
        definitions: sync.definitions(),
        agents: sync.agents(),
        dryRun,
      });
      if (dryRun) throw new DryRunRollback(plan);
      return plan;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.plan;
    throw error;
  }
}

/**
 * The store as code inside a sync sees it: every port writes in the sync's transaction, and
 * `transaction(work)` joins it (transactions do not nest).
 */
function joinedStore(tx: StoreTransaction, outer: ConductStore): ConductStore {
  return {
    ...tx,
    sessionLocks: outer.sessionLocks,
    transaction: (work) => work(tx),
    async close() {
      throw new ConfigurationError('The store cannot be closed from inside conduct.sync');
    },
  };
}

/** Deleted first, so that their cascades run before the kinds they reach are listed. */
const REMOVAL_ORDER: readonly DefinedKind[] = [
  'journey',
  'guideline',
  'relationship',
  'cannedResponse',
  'term',
  'variable',
  'capability',
];

const OPERATIONS_OF: Record<
  Exclude<DefinedKind, 'agent'>,
  keyof Omit<BehaviorModel, 'events' | 'agents' | 'tags'>
> = {
  guideline: 'guidelines',
  journey: 'journeys',
  relationship: 'relationships',
  term: 'terms',
  variable: 'variables',
  cannedResponse: 'cannedResponses',
  capability: 'capabilities',
};

interface OwnedEntity {
  id: string;
  owner?: { agentId: string } | null;
  [field: string]: unknown;
}

/**
 * The agent whose code owns an entity: its recorded owner; without one, the agent whose code
 * wrote it with a derived id before owners were recorded (or outside a sync).
 */
function ownerOf(kind: DefinedKind, entity: OwnedEntity): string | undefined {
  if (entity.owner != null) return entity.owner.agentId;
  return derivedOwner(kind, entity);
}

/**
 * Deletes, through the service (cascades included), what the code of each synced agent owns
 * but did not define this time. Entities created over the API have no owner (and no derived
 * id): never touched.
 */
async function removeUndefined(options: {
  tx: StoreTransaction;
  model: BehaviorModel;
  sync: SyncRecorder;
}): Promise<void> {
  const { tx, model, sync } = options;
  const agents = new Set(sync.agents());
  if (agents.size === 0) return;
  for (const kind of REMOVAL_ORDER) {
    const port = tx[PORT_OF[kind as ModelKind]] as unknown as {
      list(): Promise<OwnedEntity[]>;
      find(id: string): Promise<OwnedEntity | undefined>;
    };
    for (const entity of await port.list()) {
      const owner = ownerOf(kind, entity);
      if (owner === undefined || !agents.has(owner) || sync.has(kind, entity.id)) continue;
      // A cascade of an earlier removal may have taken it already.
      if ((await port.find(entity.id)) === undefined) continue;
      await model[OPERATIONS_OF[kind as Exclude<DefinedKind, 'agent'>]].delete(entity.id);
    }
  }
}
