import type { Customer } from '../domain/customer.js';
import type { Guideline } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import type { LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { BehaviorCache } from './behavior-cache.js';
import { isJourneyScopeTag } from './scope.js';
import { emptyGrounding, type TurnContext } from './turn-context.js';

/** Loads everything a turn needs, in parallel (DESIGN §4 step 2). */
export async function gatherTurnContext(
  store: ConductStore,
  behavior: BehaviorCache,
  sessionId: string,
  init: { traceId: string; signal: AbortSignal; model: LanguageModel },
): Promise<TurnContext> {
  const session = await store.sessions.get(sessionId);
  const [snapshot, customer, history] = await Promise.all([
    behavior.load(store, session.agentId),
    store.customers.find(session.customerId),
    store.events.list(session.id),
  ]);
  return {
    ...init,
    agent: snapshot.agent,
    customer: customer ?? unknownCustomer(session),
    session,
    history,
    guidelines: snapshot.guidelines,
    journeys: snapshot.journeys,
    relationships: snapshot.relationships,
    toolOutcomes: [],
    insights: [],
    iteration: 0,
    activeJourneys: [],
    grounding: emptyGrounding(),
  };
}

/** Guidelines matching evaluates: visible ones not scoped to a journey (journeys gate those). */
export function selectCandidates(context: TurnContext): Guideline[] {
  return context.guidelines.filter((guideline) => !guideline.tags.some(isJourneyScopeTag));
}

// The wire format lets sessions name customers that do not exist; they show by id.
function unknownCustomer(session: Session): Customer {
  return {
    id: session.customerId,
    name: session.customerId,
    metadata: {},
    tags: [],
    createdAt: session.createdAt,
  };
}
