import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey, JourneyState } from '../domain/journey.js';
import type { Session } from '../domain/session.js';
import { ConfigurationError } from '../errors/errors.js';
import { assertTimeout } from '../tools/definition-checks.js';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Why a retriever runs this turn: it is attached to the agent, a matched guideline or an active journey. */
export type RetrieverTrigger =
  | { type: 'agent' }
  | { type: 'guideline'; guideline: Guideline }
  | { type: 'journey'; journey: Journey; state: JourneyState };

/** What a retriever's `run` receives. */
export interface RetrieverContext {
  readonly agent: Agent;
  readonly customer: Customer;
  readonly session: Session;
  /** The session's events up to the turn's start, oldest first. */
  readonly history: readonly Event[];
  /** The turn's trace id: log it to correlate the retriever's own work with the turn. */
  readonly traceId: string;
  readonly trigger: RetrieverTrigger;
}

/** Options `run` receives besides the context. */
export interface RetrieverRunOptions {
  /**
   * Aborted when the retriever times out or the turn is cancelled or ends without a reply.
   * Pass it to `fetch` and friends so abandoned work stops.
   */
  readonly signal: AbortSignal;
}

/** What {@link defineRetriever} takes. */
export interface RetrieverDefinition {
  /** Unique among retrievers; shown in prompts and decision records. Letters, digits, `_`, `-`, `.`. */
  name: string;
  /** What the data is, shown to the composer above it (e.g. "Help-center articles about the question"). */
  description?: string;
  /** Longest the turn waits for it, in ms; wins over the engine's default (5000). */
  timeoutMs?: number;
  /**
   * Fetches grounding data for this turn: any JSON-serializable value. `undefined` or `null`
   * means nothing relevant was found (the prompt then shows nothing for it). Throwing, or
   * running past the timeout, never fails the turn: the reply is written without it and the
   * decision record says why.
   */
  run(context: RetrieverContext, options: RetrieverRunOptions): unknown | Promise<unknown>;
}

/** A retriever, created by {@link defineRetriever}. */
export interface Retriever {
  readonly name: string;
  readonly description: string | undefined;
  readonly timeoutMs: number | undefined;
  run(context: RetrieverContext, options: RetrieverRunOptions): unknown | Promise<unknown>;
}

/**
 * Defines a retriever: a function that fetches grounding data for a turn (search results,
 * account facts…). Attach it to an agent (`agent.retrievers.add`), a guideline or a journey;
 * agent retrievers start at the turn's start, the others once their guideline matched or while
 * their journey is active, all in parallel with the rest of the turn, and the composer waits
 * for them (each within its timeout).
 *
 * @throws ConfigurationError when the name, timeout or `run` is unusable.
 *
 * @example
 * const articles = defineRetriever({
 *   name: 'help_center',
 *   description: 'Help-center articles matching the question',
 *   timeoutMs: 2_000,
 *   run: async ({ history }, { signal }) => search(lastCustomerMessage(history), { signal }),
 * });
 */
export function defineRetriever(definition: RetrieverDefinition): Retriever {
  const label = `Retriever "${String(definition?.name)}"`;
  const name = definition?.name;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new ConfigurationError(
      `${label}: name must be 1-64 letters, digits, "_", "-" or "." starting with a letter or digit`,
    );
  }
  if (typeof definition.run !== 'function') {
    throw new ConfigurationError(`${label}: run must be a function`);
  }
  if (definition.description !== undefined && typeof definition.description !== 'string') {
    throw new ConfigurationError(`${label}: description must be a string`);
  }
  const timeoutMs =
    definition.timeoutMs === undefined ? undefined : assertTimeout(definition.timeoutMs, label);
  const { run } = definition;
  return Object.freeze({
    name,
    description: definition.description?.trim() || undefined,
    timeoutMs,
    run: (context: RetrieverContext, options: RetrieverRunOptions) =>
      run.call(definition, context, options),
  });
}
