import { ConfigurationError } from '../errors/errors.js';
import { BehaviorCache } from './behavior-cache.js';
import type { ClassificationKeeper } from './classification-keeper.js';
import type { EngineDependencies } from './engine-options.js';
import { closeUnstartedTurn, markInterrupted, withdrawCutOffReplies } from './interrupted-turn.js';
import { NO_JOURNEY_STEPPER_MESSAGE } from './journey-stepper.js';
import type { TurnFinish, TurnRequest, TurnStart } from './session-runtime.js';
import { Turn } from './turn.js';
import { TurnEmitter } from './turn-emitter.js';
import { gateTurn, watchForNewerMessages } from './turn-gate.js';
import { TurnRecorder } from './turn-recorder.js';
import { reportWhenSettled } from './turn-report.js';

/** What {@link TurnRunner} needs. */
export interface TurnRunnerOptions {
  deps: EngineDependencies;
  /** Classifies the agent's new or changed guidelines after a turn (agent-wide work). */
  classification: ClassificationKeeper | undefined;
  /** Where failures outside any turn's record go (the engine's `onError`, with its default). */
  onError: (error: unknown, context: { sessionId: string }) => void;
}

/**
 * What the session runtime runs for each turn it starts ({@link TurnRunner.run}), and for a
 * turn it could not start ({@link TurnRunner.closeUnstarted}). Holds what outlives a turn: the
 * behavior cache, guideline classification, and whether the missing journey stepper was
 * reported.
 */
export class TurnRunner {
  readonly #deps: EngineDependencies;
  readonly #classification: ClassificationKeeper | undefined;
  readonly #onError: TurnRunnerOptions['onError'];
  readonly #behavior = new BehaviorCache();
  // Said once per engine (each turn's record notes it too), not on every turn.
  #reportedNoStepper = false;

  constructor(options: TurnRunnerOptions) {
    this.#deps = options.deps;
    this.#classification = options.classification;
    this.#onError = options.onError;
  }

  /**
   * Runs one turn (docs/architecture.md#the-turn) for the session's newest customer message,
   * with the session held. First the gate: the shared log decides whether to run at all (a
   * newer message, or a turn that already answered this one, skips it); a reply an interrupted
   * attempt left cut off gives way (docs/scaling.md); crash recovery may only mark the turn.
   * Then the {@link Turn}, watched for newer customer messages until it commits; then the report
   * (`onTurnEnd`) and the classification of new guidelines, off the critical path.
   */
  readonly run = async (start: TurnStart): Promise<TurnFinish> => {
    const deps = this.#deps;
    const { store } = deps;
    const gate = await gateTurn(store.events, start);
    if ('skip' in gate) return { outcome: gate.skip };
    const history = await withdrawCutOffReplies(store.events, start, gate.history);
    if (start.action === 'mark') return { outcome: await markInterrupted(store, start) };
    const session = await store.sessions.find(start.sessionId);
    // Manual mode: a human has the session, so the engine says nothing at all.
    if (session === undefined || session.mode === 'manual') {
      return { outcome: { status: 'silent', traceId: start.traceId } };
    }
    const ids = { sessionId: session.id, agentId: session.agentId, traceId: start.traceId };
    const recorder = new TurnRecorder(store.turns, ids);
    const emitter = new TurnEmitter(store.events, session.id, start.traceId, session.agentId);
    const stop = watchForNewerMessages(store.events, start, gate.watchFrom, (error) =>
      recorder.error('watch for newer messages', error),
    );
    const turn = new Turn({ deps, behavior: this.#behavior, start, emitter, recorder });
    let finish: TurnFinish;
    try {
      finish = await turn.run({ session, history });
    } finally {
      stop();
    }
    const reportError = (error: unknown) => this.#onError(error, { sessionId: start.sessionId });
    if (turn.unsteppedJourneys && !this.#reportedNoStepper) {
      this.#reportedNoStepper = true;
      reportError(new ConfigurationError(NO_JOURNEY_STEPPER_MESSAGE));
    }
    // New or changed guidelines get their routing facts off the critical path: agent-wide
    // work, apart from the turn's after-reply work (the next turn never waits for it).
    if (turn.guidelines) this.#classification?.check(turn.guidelines, reportError);
    return reportWhenSettled({
      finish,
      record: recorder.record,
      onTurnEnd: deps.onTurnEnd,
      onError: reportError,
    });
  };

  /**
   * Closes a turn that could not start because its session's lock could not be taken (see
   * `closeUnstartedTurn`).
   */
  readonly closeUnstarted = (
    sessionId: string,
    request: TurnRequest,
    error: unknown,
  ): Promise<void> => closeUnstartedTurn(this.#deps.store, sessionId, request, error);
}
