import type { Agent } from '../domain/agent.js';
import type { CannedResponse } from '../domain/canned-response.js';
import type { Capability } from '../domain/capability.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey } from '../domain/journey.js';
import type { Relationship } from '../domain/relationship.js';
import type { Term } from '../domain/term.js';
import type { Variable } from '../domain/variable.js';
import type { ConductStore } from '../store/ports.js';
import { isVisibleToAgent } from './scope.js';

/** What an agent's turns read from the behavior model, frozen and shared between turns. */
export interface BehaviorSnapshot {
  readonly agent: Agent;
  /** Enabled guidelines the agent can see. */
  readonly guidelines: readonly Guideline[];
  readonly journeys: readonly Journey[];
  readonly relationships: readonly Relationship[];
  /** Glossary terms the agent can see (the turn picks the relevant ones). */
  readonly terms: readonly Term[];
  /** Context variables the agent can see (their values are per customer, loaded per turn). */
  readonly variables: readonly Variable[];
  /** Capabilities the agent can see. */
  readonly capabilities: readonly Capability[];
  /**
   * Every canned response: which ones a turn may use depends on the turn (agent, guideline and
   * journey tags), so they are scoped when candidates are collected, not here.
   */
  readonly cannedResponses: readonly CannedResponse[];
}

/**
 * Loads an agent's behavior model once per store revision instead of once per turn: a turn
 * first reads `behaviorRevision()` (one cheap read) and reuses the snapshot while it is
 * unchanged. With a thousand guidelines this is most of a turn's engine overhead. Snapshots are
 * deeply frozen, since every turn of the agent shares them.
 */
export class BehaviorCache {
  readonly #byAgent = new Map<string, { revision: string; snapshot: BehaviorSnapshot }>();

  async load(store: ConductStore, agentId: string): Promise<BehaviorSnapshot> {
    const revision = await store.behaviorRevision();
    const cached = this.#byAgent.get(agentId);
    if (cached?.revision === revision) return cached.snapshot;
    const [
      agent,
      guidelines,
      journeys,
      relationships,
      terms,
      variables,
      capabilities,
      cannedResponses,
    ] = await Promise.all([
      store.agents.get(agentId),
      store.guidelines.list({ enabled: true }),
      store.journeys.list(),
      store.relationships.list(),
      store.terms.list(),
      store.variables.list(),
      store.capabilities.list(),
      store.cannedResponses.list(),
    ]);
    const snapshot = deepFreeze({
      agent,
      guidelines: guidelines.filter((guideline) => isVisibleToAgent(guideline, agent)),
      journeys: journeys.filter((journey) => isVisibleToAgent(journey, agent)),
      relationships,
      terms: terms.filter((term) => isVisibleToAgent(term, agent)),
      variables: variables.filter((variable) => isVisibleToAgent(variable, agent)),
      capabilities: capabilities.filter((capability) => isVisibleToAgent(capability, agent)),
      cannedResponses,
    });
    // A change that landed while loading gives a newer revision next turn, so no stale reuse.
    this.#byAgent.set(agentId, { revision, snapshot });
    return snapshot;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
