import type { z } from 'zod';
import type { HedgePolicy } from './hedge-policy.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  StreamTextRequest,
  TextStream,
} from './language-model.js';
import { withHedge } from './request-lane.js';
import { raceRequests } from './request-race.js';
import { streamRouted } from './routed-stream.js';

/** Options of {@link createRoutedModel}. */
export interface RoutedModelOptions {
  /** The route's models in fallback order (at least one). */
  chain: readonly LanguageModel[];
  /** The deadline of a task in ms, or `undefined` for none (the request's `timeoutMs` applies). */
  timeoutFor: (task: string) => number | undefined;
  /** Hedging state shared by the router; `undefined` turns hedging off. */
  policy: HedgePolicy | undefined;
}

/**
 * The model serving one route of a router: the fallback chain (see `createFallbackModel`),
 * per-task deadlines and hedging.
 *
 * - A structured call gets its task's deadline in place of the request's `timeoutMs`, per
 *   request (each fallback and the hedge get a full one).
 * - A text stream gets it as an idle deadline: for the first text and for each pause between
 *   chunks, so a long stream that keeps producing text is never cut off.
 * - A hedge is started when the running request passes the policy's delay; the first answer
 *   wins and the other request is aborted. Streams are hedged only before any text went out.
 */
export function createRoutedModel(options: RoutedModelOptions): LanguageModel {
  const { chain, timeoutFor, policy } = options;
  const [first] = chain;
  if (first === undefined) throw new Error('createRoutedModel needs a non-empty chain');

  return {
    provider: first.provider,
    modelId: first.modelId,
    async generateObject<S extends z.ZodType>(
      request: GenerateObjectRequest<S>,
    ): Promise<GenerateObjectResult<z.output<S>>> {
      const timeoutMs = timeoutFor(request.task) ?? request.timeoutMs;
      const operation = `Model call for task '${request.task}'`;
      const outcome = await raceRequests({
        chain,
        task: request.task,
        signal: request.signal,
        policy,
        start: (lane) =>
          lane.within(
            lane.model.generateObject({
              ...request,
              signal: lane.signal,
              ...(timeoutMs === undefined ? {} : { timeoutMs }),
            }),
            timeoutMs,
            operation,
          ),
      });
      outcome.winner.dispose();
      return withHedge(outcome.value, outcome);
    },
    streamText(request: StreamTextRequest): TextStream {
      return streamRouted({ chain, policy, request, idleMs: timeoutFor(request.task) });
    },
  };
}
