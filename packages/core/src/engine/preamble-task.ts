import type { CompositionMode } from '../domain/common.js';
import { sendPreamble } from './preamble.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';
import type { TurnRecorder } from './turn-recorder.js';

/**
 * A preamble being generated alongside matching. It never delays the reply: if it is not done
 * by the time the turn moves on to the reply, it is dropped; and it always settles before the
 * turn emits anything else, so nothing of it can land after `ready`.
 */
export class PreambleTask {
  readonly #controller = new AbortController();
  readonly #done: Promise<string | undefined>;
  #settled = false;

  constructor(
    context: TurnContext,
    emitter: TurnEmitter,
    recorder: TurnRecorder,
    /** The strictest composition mode that may apply this turn. */
    mode: CompositionMode = context.agent.compositionMode,
  ) {
    const signal = AbortSignal.any([context.signal, this.#controller.signal]);
    this.#done = sendPreamble({ ...context, signal }, emitter, mode)
      .catch((error: unknown) => {
        if (!signal.aborted) recorder.error('preamble', error);
        else if (!context.signal.aborted)
          recorder.note('The preamble was not ready in time; skipped');
        return undefined;
      })
      .finally(() => {
        this.#settled = true;
      });
  }

  /**
   * Lets a finished preamble complete its events; drops one still being generated. Resolves
   * to the text that was sent, if any: a preamble aborted while its message was being written
   * still counts as sent.
   */
  async settle(): Promise<string | undefined> {
    if (!this.#settled) this.#controller.abort();
    return this.#done;
  }
}
