import type { HedgePolicy } from './hedge-policy.js';
import type {
  LanguageModel,
  StreamTextRequest,
  StreamTextResult,
  TextStream,
} from './language-model.js';
import { type RequestLane, withHedge } from './request-lane.js';
import { raceRequests } from './request-race.js';
import { createTextStream } from './text-stream.js';

/** Options of {@link streamRouted}. */
export interface RoutedStreamOptions {
  chain: readonly LanguageModel[];
  policy: HedgePolicy | undefined;
  request: StreamTextRequest;
  /**
   * The task's deadline, applied to the first text and to each pause between chunks; the
   * request's `timeoutMs` then does not bound the whole stream. `undefined`: no idle deadline,
   * and the request's `timeoutMs` passes through unchanged.
   */
  idleMs: number | undefined;
}

/** A stream that has produced its first text (or ended without any). */
interface Opened {
  stream: TextStream;
  iterator: AsyncIterator<string>;
  first: IteratorResult<string>;
}

/**
 * Streams `request` over the route: fallback and hedging apply only until one request produced
 * its first text — from then on that request alone is piped through, so text from two streams is
 * never mixed. See `createRoutedModel`.
 */
export function streamRouted(options: RoutedStreamOptions): TextStream {
  const { chain, policy, request, idleMs } = options;
  const operation = `Model stream for task '${request.task}'`;
  const { timeoutMs: _wholeStream, ...rest } = request;
  const sent: StreamTextRequest = idleMs === undefined ? request : rest;

  return createTextStream(async (controller) => {
    const open = async (lane: RequestLane): Promise<Opened> => {
      const stream = lane.model.streamText({ ...sent, signal: lane.signal });
      stream.result.catch(() => {});
      const iterator = stream[Symbol.asyncIterator]();
      const first = await nextText(iterator, lane, idleMs, operation);
      return { stream, iterator, first };
    };
    const outcome = await raceRequests({
      chain,
      task: request.task,
      signal: request.signal,
      policy,
      start: open,
    });
    const lane = outcome.winner;
    try {
      const { stream, iterator } = outcome.value;
      let next = outcome.value.first;
      while (next.done !== true) {
        controller.emit(next.value);
        next = await nextText(iterator, lane, idleMs, operation);
      }
      const result = await lane.within(stream.result, idleMs, operation);
      return completion(result, controller.text, outcome);
    } finally {
      lane.dispose();
    }
  });
}

// The next non-empty delta (or the end), within the idle deadline.
async function nextText(
  iterator: AsyncIterator<string>,
  lane: RequestLane,
  idleMs: number | undefined,
  operation: string,
): Promise<IteratorResult<string>> {
  for (;;) {
    const next = await lane.within(iterator.next(), idleMs, operation);
    if (next.done === true || next.value !== '') return next;
  }
}

function completion(
  result: StreamTextResult,
  text: string,
  outcome: Awaited<ReturnType<typeof raceRequests<Opened>>>,
) {
  const base = {
    text,
    usage: result.usage,
    model: result.model,
    ...(result.finishReason === undefined ? {} : { finishReason: result.finishReason }),
  };
  return withHedge(base, outcome);
}
