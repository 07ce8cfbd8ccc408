import type { JourneyPosition } from '../domain/session-state.js';
import { errorMessage } from '../util/error-message.js';
import type { EngineDependencies } from './engine-options.js';
import { runHooks } from './hooks.js';
import { finalReadyData } from './ready-data.js';
import type { TurnOutcome, TurnStart } from './session-runtime.js';
import { saveJourneyPositions } from './session-state-update.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';
import type { TurnRecorder } from './turn-recorder.js';

/** What {@link endFailedTurn} needs of the turn that threw. */
export interface FailedTurn {
  error: unknown;
  deps: EngineDependencies;
  start: TurnStart;
  emitter: TurnEmitter;
  recorder: TurnRecorder;
  /** The turn's context, once it was gathered (for the `error` hooks). */
  context: TurnContext | undefined;
  /** Whether the final `ready` already went out: then nothing more is emitted. */
  readySent: boolean;
  /** Journey positions that must survive the failure (a tool state had run), if any. */
  journeyPositions: Readonly<Record<string, JourneyPosition>> | undefined;
  /** Reports a failure after the final `ready` (to the record and `onError`). */
  afterReady: (what: string, error: unknown) => void;
}

/**
 * Ends a turn that threw, keeping the invariant of every turn: one final `ready`, nothing
 * after it. A failure ends with `error` then `ready`, a cancellation with `cancelled` then
 * `ready`; an interrupted attempt (shutdown, lost lock) writes neither, because another attempt
 * answers the same message in the same trace. A failure after the final `ready` is only
 * reported. Journey positions a tool state reached are saved either way.
 */
export async function endFailedTurn(turn: FailedTurn): Promise<TurnOutcome> {
  const { error, deps, start, emitter, recorder } = turn;
  const traceId = start.traceId;
  emitter.discardHeld();
  if (turn.readySent) {
    turn.afterReady('the turn', error);
    return { status: 'failed', traceId, error: errorMessage(error) };
  }
  const cancelled = start.signal.aborted;
  if (!cancelled) recorder.error('turn', error);
  await keepJourneyPositions(turn);
  if (cancelled && start.interrupted()) return interrupted(turn);
  try {
    if (cancelled) {
      await emitter.status('cancelled', {});
    } else {
      if (turn.context !== undefined) {
        await runHooks(deps.hooks?.error, turn.context, { error }).catch((hookError: unknown) =>
          recorder.error('error hook', hookError),
        );
      }
      await emitter.status('error', { exception: describeError(error) });
    }
    await emitter.status('ready', finalReadyData());
    await recorder.finish(cancelled ? 'cancelled' : 'error', emitter.eventIds);
  } catch (secondary) {
    // The store itself is failing (or the session was deleted): nothing more can be written.
    turn.afterReady('ending the turn', secondary);
  }
  return cancelled
    ? { status: 'cancelled', traceId }
    : { status: 'failed', traceId, error: errorMessage(error) };
}

/** This attempt stops and another answers: no `cancelled`/`ready`, so the trace gets one `ready`. */
async function interrupted(turn: FailedTurn): Promise<TurnOutcome> {
  const { recorder, emitter, start } = turn;
  recorder.note('Interrupted (shutdown or lost lock): the message is answered again');
  await recorder
    .finish('cancelled', emitter.eventIds)
    .catch((error: unknown) => turn.afterReady('saving the decision record', error));
  return { status: 'cancelled', traceId: start.traceId };
}

/** A failed or cancelled turn still saves journey positions once a tool state ran. */
async function keepJourneyPositions(turn: FailedTurn): Promise<void> {
  const positions = turn.journeyPositions;
  if (positions === undefined) return;
  try {
    await turn.deps.store.transaction((tx) =>
      saveJourneyPositions(tx, turn.start.sessionId, positions),
    );
    turn.recorder.note(
      'Journey positions were saved although the turn did not finish: a tool state had run',
    );
  } catch (error) {
    turn.recorder.error('journey positions', error);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : errorMessage(error);
}
