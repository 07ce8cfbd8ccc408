import type {
  HedgeRecord,
  ModelUsage,
  StreamTextResult,
  TextFinishReason,
  TextStream,
} from './language-model.js';

/** Handed to the producer of {@link createTextStream}. */
export interface TextStreamController {
  /** Publishes one text delta (empty strings are dropped). */
  emit(delta: string): void;
  /** Everything emitted so far. */
  readonly text: string;
}

/** What the producer of {@link createTextStream} resolves with once the stream is complete. */
export interface TextStreamCompletion {
  usage: ModelUsage;
  model: string;
  /** Final text; defaults to the concatenation of the emitted deltas. */
  text?: string;
  /** How a hedged stream went, when it was hedged. */
  hedge?: HedgeRecord;
  /** Why the provider ended the text, when it said (see `StreamTextResult.finishReason`). */
  finishReason?: TextFinishReason;
}

/**
 * Builds a {@link TextStream} from an async producer that emits deltas. The producer starts
 * at once and runs whether or not anyone iterates: deltas are buffered, so every iterator (even
 * one started late) sees all of them, and `result` settles on its own. When the producer
 * throws, iteration throws the same error after the buffered deltas, and `result` rejects.
 * Breaking out of a `for await` does not cancel the producer: cancel through the call's signal.
 */
export function createTextStream(
  produce: (controller: TextStreamController) => Promise<TextStreamCompletion>,
): TextStream {
  const deltas: string[] = [];
  let text = '';
  let finished = false;
  let failure: { error: unknown } | undefined;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const current = waiters;
    waiters = [];
    for (const wake of current) wake();
  };

  const controller: TextStreamController = {
    emit(delta) {
      if (finished || delta === '') return;
      deltas.push(delta);
      text += delta;
      notify();
    },
    get text() {
      return text;
    },
  };

  const result = (async (): Promise<StreamTextResult> => {
    try {
      const completion = await produce(controller);
      const { hedge } = completion;
      return {
        text: completion.text ?? text,
        usage: completion.usage,
        model: completion.model,
        ...(hedge === undefined ? {} : { hedge }),
        ...(completion.finishReason === undefined ? {} : { finishReason: completion.finishReason }),
      };
    } catch (error) {
      failure = { error };
      throw error;
    } finally {
      finished = true;
      notify();
    }
  })();
  // Consumers that only iterate see the error there; this keeps `result` from being reported
  // as an unhandled rejection while still rejecting for anyone who awaits it.
  result.catch(() => {});

  async function* iterate(): AsyncGenerator<string, void, undefined> {
    let index = 0;
    while (true) {
      const delta = deltas[index];
      if (delta !== undefined) {
        index++;
        yield delta;
      } else if (finished) {
        if (failure) throw failure.error;
        return;
      } else {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    }
  }

  return { result, [Symbol.asyncIterator]: iterate };
}
