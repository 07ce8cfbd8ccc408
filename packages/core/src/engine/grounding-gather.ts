import type { Customer } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { Session } from '../domain/session.js';
import { resolveGroundingOptions } from '../grounding/grounding-options.js';
import { loadVariables } from '../grounding/load-variables.js';
import { recentMessages } from '../grounding/recent-messages.js';
import { selectRelevantGrounding } from '../grounding/select-grounding.js';
import type { BehaviorSnapshot } from './behavior-cache.js';
import type { EngineDependencies } from './engine-options.js';
import type { TurnGrounding } from './turn-context.js';
import type { TurnRecorder } from './turn-recorder.js';

/** What a turn has loaded when its grounding starts (docs/architecture.md#the-turn, step 2). */
export interface GroundingSource {
  snapshot: BehaviorSnapshot;
  session: Session;
  customer: Customer;
  history: readonly Event[];
  traceId: string;
  signal: AbortSignal;
}

/**
 * Gathers a turn's grounding without any model call: the variable values that apply to the
 * customer (stale tool-backed ones refreshed by running their tool) in parallel with choosing
 * the glossary terms and capabilities relevant to the recent conversation (words, plus one
 * embedding call when an embedder is configured). Writes what it chose into the decision
 * record; `retrieved` stays empty (retrievers are awaited right before composing).
 */
export async function gatherGrounding(
  deps: EngineDependencies,
  source: GroundingSource,
  recorder: TurnRecorder,
): Promise<TurnGrounding> {
  const options = resolveGroundingOptions(deps.grounding);
  const { snapshot, session, customer, history, traceId, signal } = source;
  const [variables, relevant] = await Promise.all([
    loadVariables({
      store: deps.store.variables,
      tools: deps.tools,
      variables: snapshot.variables,
      agent: snapshot.agent,
      customer,
      scope: {
        agentId: snapshot.agent.id,
        sessionId: session.id,
        customerId: customer.id,
        traceId,
      },
      now: deps.grounding?.now?.() ?? deps.clock?.() ?? options.now(),
      signal,
      ...(deps.toolTimeoutMs === undefined ? {} : { toolTimeoutMs: deps.toolTimeoutMs }),
    }),
    selectRelevantGrounding({
      terms: snapshot.terms,
      capabilities: snapshot.capabilities,
      messages: recentMessages(history, options.recentMessages),
      options,
      ...(deps.embedder === undefined ? {} : { embedder: deps.embedder }),
      signal,
      traceId,
    }),
  ]);
  const record = recorder.record.grounding;
  record.method = relevant.method;
  record.terms = relevant.terms.map((term) => term.id);
  record.capabilities = relevant.capabilities.map((capability) => capability.id);
  record.variables = variables.variables.flatMap(({ variable, value }) =>
    value === undefined ? [] : [{ id: variable.id, name: variable.name, key: value.key }],
  );
  record.refreshes = variables.refreshes;
  if (relevant.note !== undefined) recorder.note(`Grounding: ${relevant.note}`);
  for (const refresh of variables.refreshes) {
    if (refresh.status === 'failed') {
      recorder.note(
        `Variable "${refresh.name}" could not be refreshed (${refresh.error}); the stored value, if any, was used`,
      );
    }
  }
  return {
    terms: relevant.terms,
    variables: variables.variables,
    capabilities: relevant.capabilities,
    retrieved: [],
  };
}
