import { isJourneyScopeTag } from '../domain/built-in-tags.js';
import { type Customer, GUEST_CUSTOMER_NAME } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import type { LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { BehaviorCache } from './behavior-cache.js';
import { resolveTurnTime, type TimeZoneOption } from './current-time.js';
import type { GroundingSource } from './grounding-gather.js';
import { emptyGrounding, type TurnContext, type TurnGrounding } from './turn-context.js';

/**
 * Loads everything a turn needs, in parallel (docs/architecture.md#the-turn, step 2), around the
 * `session` and its log (`history`) that the turn already read. `grounding`, when given, is started
 * as soon as the customer and the agent's behavior are loaded (it needs them) and awaited before
 * the context is returned.
 */
export async function gatherTurnContext(
  store: ConductStore,
  behavior: BehaviorCache,
  loaded: { session: Session; history: Event[] },
  init: { traceId: string; signal: AbortSignal; model: LanguageModel },
  grounding?: (source: GroundingSource) => Promise<TurnGrounding>,
  clock: { clock?: (() => Date) | undefined; timeZone?: TimeZoneOption | undefined } = {},
): Promise<TurnContext> {
  const { session, history } = loaded;
  const [snapshot, customer] = await Promise.all([
    behavior.load(store, session.agentId),
    store.customers.find(session.customerId),
  ]);
  const known = customer ?? unknownCustomer(session);
  const source = { snapshot, session, customer: known, history, ...init };
  return {
    ...init,
    agent: snapshot.agent,
    customer: known,
    session,
    history,
    time: resolveTurnTime({ ...clock, agent: snapshot.agent, customer: known }),
    guidelines: snapshot.guidelines,
    journeys: snapshot.journeys,
    relationships: snapshot.relationships,
    cannedResponses: snapshot.cannedResponses,
    toolOutcomes: [],
    insights: [],
    iteration: 0,
    activeJourneys: [],
    grounding: grounding === undefined ? emptyGrounding() : await grounding(source),
  };
}

/**
 * Guidelines matching evaluates: visible ones not scoped to a journey, plus journey-scoped ones
 * that `inJourneyScope` admits (their journey, or journey state, is active).
 */
export function selectCandidates(
  context: TurnContext,
  inJourneyScope: (guideline: Guideline) => boolean = () => false,
): Guideline[] {
  return context.guidelines.filter(
    (guideline) => !guideline.tags.some(isJourneyScopeTag) || inJourneyScope(guideline),
  );
}

// The wire format lets sessions name customers that do not exist. Their id is internal (a model
// would read or repeat `cus-…`), so they show as a guest does.
function unknownCustomer(session: Session): Customer {
  return {
    id: session.customerId,
    name: GUEST_CUSTOMER_NAME,
    metadata: {},
    tags: [],
    createdAt: session.createdAt,
  };
}
