import type { Guideline } from '../domain/guideline.js';
import type { TurnGroundingRecord } from '../domain/turn-record.js';
import { TimeoutError } from '../errors/errors.js';
import { resolveGroundingOptions } from '../grounding/grounding-options.js';
import type { RetrieverContext, RetrieverTrigger } from '../grounding/retriever.js';
import { type AttachedRetriever, attachmentKey } from '../grounding/retriever-registry.js';
import { createCallDeadline } from '../model/call-deadline.js';
import { errorMessage } from '../util/error-message.js';
import type { EngineDependencies } from './engine-options.js';
import type { GroundingSource } from './grounding-gather.js';
import type { RetrievedData, TurnContext } from './turn-context.js';
import type { TurnRecorder } from './turn-recorder.js';

type RunRecord = TurnGroundingRecord['retrievers'][number];

interface Outcome {
  status: 'ok' | 'timeout' | 'error';
  data?: unknown;
  error?: string;
  /** `performance.now()` when it ended. */
  endedAt: number;
}

interface Run {
  attached: AttachedRetriever;
  /** Settles when the retriever returned, failed or timed out; never rejects. */
  done: Promise<Outcome>;
  started: number;
  discard: AbortController;
  recorded: boolean;
}

/**
 * The retriever runs of one turn. Agent retrievers start as soon as the turn has loaded the
 * session (in parallel with the rest of gathering and with matching); guideline retrievers as
 * soon as their guideline is matched, journey retrievers while their journey is active (both
 * checked again right before composing, so a guideline matched on a re-check still gets its
 * data). {@link TurnRetrievers.settle} waits for the ones the reply uses, each within its
 * timeout. No failure of a retriever ever fails the turn: it is recorded and the reply is
 * written without its data.
 */
export class TurnRetrievers {
  readonly #runs = new Map<string, Run>();
  readonly #deps: EngineDependencies;
  readonly #recorder: TurnRecorder;
  #base: Omit<RetrieverContext, 'trigger'> | undefined;
  #signal: AbortSignal | undefined;

  constructor(deps: EngineDependencies, recorder: TurnRecorder) {
    this.#deps = deps;
    this.#recorder = recorder;
  }

  /** Starts the agent's retrievers (call once the session, customer and history are loaded). */
  startForAgent(source: GroundingSource): void {
    const { snapshot, session, customer, history, traceId, signal } = source;
    this.#base = { agent: snapshot.agent, session, customer, history, traceId };
    this.#signal = signal;
    for (const attached of this.#deps.retrievers?.forAgent(snapshot.agent.id) ?? []) {
      this.#start(attached, { type: 'agent' });
    }
  }

  /** Starts retrievers of these (matched) guidelines and of the active journeys, once each. */
  startForMatched(context: TurnContext, guidelines: readonly Guideline[]): void {
    const registry = this.#deps.retrievers;
    if (registry === undefined) return;
    const byId = new Map(guidelines.map((guideline) => [guideline.id, guideline]));
    for (const attached of registry.forGuidelines(byId.keys())) {
      if (attached.attachment.type !== 'guideline') continue;
      const guideline = byId.get(attached.attachment.guidelineId);
      if (guideline !== undefined) this.#start(attached, { type: 'guideline', guideline });
    }
    for (const { journey, state } of context.activeJourneys) {
      for (const attached of registry.forJourneys([{ journeyId: journey.id, stateId: state.id }])) {
        this.#start(attached, { type: 'journey', journey, state });
      }
    }
  }

  /**
   * Waits for the retrievers the reply uses — the agent's, those of `guidelines` (the final
   * matched set) and of the active journeys — and returns what they found, in attachment order.
   * Runs of guidelines no longer matched are discarded. Everything goes into the decision record.
   */
  async settle(context: TurnContext, guidelines: readonly Guideline[]): Promise<RetrievedData[]> {
    this.startForMatched(context, guidelines);
    const wanted = new Set(guidelines.map((guideline) => guideline.id));
    const journeys = new Set(context.activeJourneys.map(({ journey }) => journey.id));
    const used = [...this.#runs.values()].filter(({ attached: { attachment: a } }) =>
      a.type === 'agent'
        ? true
        : a.type === 'guideline'
          ? wanted.has(a.guidelineId)
          : journeys.has(a.journeyId),
    );
    this.discard(new Set(used));
    const order = this.#deps.retrievers?.attached ?? [];
    used.sort((a, b) => order.indexOf(a.attached) - order.indexOf(b.attached));
    const results = await Promise.all(used.map(async (run) => ({ run, outcome: await run.done })));
    return results.flatMap(({ run, outcome }) => {
      this.#record(run, outcome);
      if (outcome.status !== 'ok' || outcome.data === undefined || outcome.data === null) return [];
      const { retriever } = run.attached;
      return [
        {
          retriever: retriever.name,
          ...(retriever.description === undefined ? {} : { description: retriever.description }),
          data: outcome.data,
        },
      ];
    });
  }

  /** Aborts every run not in `keep` that has not been recorded, recording it as discarded. */
  discard(keep: ReadonlySet<Run> = new Set()): void {
    for (const run of this.#runs.values()) {
      if (keep.has(run) || run.recorded) continue;
      run.discard.abort();
      this.#record(run, { status: 'discarded', endedAt: performance.now() });
    }
  }

  #start(attached: AttachedRetriever, trigger: RetrieverTrigger): void {
    const key = `${attached.retriever.name}|${attachmentKey(attached.attachment)}`;
    if (this.#runs.has(key) || this.#base === undefined || this.#signal === undefined) return;
    const { retriever } = attached;
    const discard = new AbortController();
    const timeoutMs =
      retriever.timeoutMs ?? resolveGroundingOptions(this.#deps.grounding).retrieverTimeoutMs;
    const deadline = createCallDeadline(
      { signal: AbortSignal.any([this.#signal, discard.signal]), timeoutMs },
      `Retriever "${retriever.name}"`,
    );
    const context: RetrieverContext = { ...this.#base, trigger };
    const done = deadline
      .race(Promise.resolve().then(() => retriever.run(context, { signal: deadline.signal })))
      .then(
        (data): Outcome => ({ status: 'ok', data, endedAt: performance.now() }),
        (error: unknown): Outcome => ({
          status: TimeoutError.is(error) ? 'timeout' : 'error',
          error: errorMessage(error),
          endedAt: performance.now(),
        }),
      )
      .finally(() => deadline.dispose());
    this.#runs.set(key, { attached, done, started: performance.now(), discard, recorded: false });
  }

  #record(run: Run, outcome: Omit<Outcome, 'status'> & { status: RunRecord['status'] }): void {
    if (run.recorded) return;
    const { status, data, error } = outcome;
    run.recorded = true;
    let size = 0;
    if (status === 'ok' && data !== undefined && data !== null) {
      try {
        size = typeof data === 'string' ? data.length : (JSON.stringify(data)?.length ?? 0);
      } catch {
        size = 0;
      }
    }
    this.#recorder.record.grounding.retrievers.push({
      name: run.attached.retriever.name,
      attachedTo: attachmentKey(run.attached.attachment),
      status,
      durationMs: Math.max(0, Math.round(outcome.endedAt - run.started)),
      size,
      error: error ?? null,
    });
    if (status === 'timeout' || status === 'error') {
      this.#recorder.note(
        `Retriever "${run.attached.retriever.name}" ${status === 'timeout' ? 'timed out' : 'failed'} (${error}); the reply was written without it`,
      );
    }
  }
}
