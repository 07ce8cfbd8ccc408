import type { z } from 'zod';
import { abortableDelay } from '../model/call-deadline.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  ModelMessage,
  StreamTextRequest,
  TextStream,
} from '../model/language-model.js';
import { parseStructuredOutput } from '../model/structured-output.js';
import { createTextStream } from '../model/text-stream.js';
import { countMessageTokens, countTokens } from '../prompt/tokenizer.js';

/** How long a simulated hosted model takes. Defaults are shaped like a hosted API. */
export interface SimulatedLatency {
  /** Fixed cost of a call (network, queueing, prefill start). Default 350 ms. */
  baseMs: number;
  /** Prefill cost per input token. Default 0.05 ms. */
  perInputTokenMs: number;
  /** Decode cost per output token. Default 12 ms. */
  perOutputTokenMs: number;
}

/** One call the simulated model answered, with simulated and real timings. */
export interface SimulatedCall {
  task: string;
  traceId: string | undefined;
  kind: 'object' | 'text';
  inputTokens: number;
  outputTokens: number;
  /** Simulated latency until the first output token. */
  firstTokenMs: number;
  /** Simulated latency until the last output token. */
  totalMs: number;
  /** Real start/end (performance.now()), to tell which calls overlapped. */
  startedAt: number;
  endedAt: number;
}

/** What the simulated model should answer: a value for structured calls, text for text calls. */
export type SimulatedAnswer = (task: string, messages: readonly ModelMessage[]) => unknown;

/** Options of {@link createSimulatedModel}. */
export interface SimulatedModelOptions {
  latency?: Partial<SimulatedLatency>;
  /**
   * Real time per simulated millisecond. 0 answers at once (for measuring engine overhead);
   * a small value such as 0.01 keeps the real ordering of calls (which ran in parallel, which
   * after which) while a run stays fast. Default 0.
   */
  timeScale?: number;
  /** Produces the answer of each call. */
  answer: SimulatedAnswer;
  modelId?: string;
}

/** A {@link LanguageModel} for benchmarks; see {@link createSimulatedModel}. */
export interface SimulatedModel extends LanguageModel {
  readonly calls: readonly SimulatedCall[];
  readonly latency: SimulatedLatency;
  /** Forgets recorded calls. */
  clear(): void;
}

/**
 * A model whose latency is computed, not waited for: base + per input token + per output token,
 * with real token counts (o200k). Answers come from `answer`, are serialized like a real model's
 * text and validated against the request's schema. Call `loadTokenizer()` first.
 */
export function createSimulatedModel(options: SimulatedModelOptions): SimulatedModel {
  const latency: SimulatedLatency = {
    baseMs: 350,
    perInputTokenMs: 0.05,
    perOutputTokenMs: 12,
    ...options.latency,
  };
  const scale = options.timeScale ?? 0;
  const calls: SimulatedCall[] = [];
  const modelId = options.modelId ?? 'simulated';

  const timing = (messages: readonly ModelMessage[], output: string) => {
    const inputTokens = countMessageTokens(messages);
    const outputTokens = Math.max(1, countTokens(output));
    const firstTokenMs =
      latency.baseMs + inputTokens * latency.perInputTokenMs + latency.perOutputTokenMs;
    return {
      inputTokens,
      outputTokens,
      firstTokenMs,
      totalMs: firstTokenMs + (outputTokens - 1) * latency.perOutputTokenMs,
    };
  };
  const usage = (t: { inputTokens: number; outputTokens: number }) => ({
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
  });

  return {
    provider: 'simulated',
    modelId,
    latency,
    calls,
    clear: () => {
      calls.length = 0;
    },
    async generateObject<S extends z.ZodType>(
      request: GenerateObjectRequest<S>,
    ): Promise<GenerateObjectResult<z.output<S>>> {
      const startedAt = performance.now();
      const rawText = JSON.stringify(options.answer(request.task, request.messages));
      const t = timing(request.messages, rawText);
      if (scale > 0) await abortableDelay(t.totalMs * scale, request.signal);
      const parsed = parseStructuredOutput(rawText, request.schema);
      if (!parsed.ok)
        throw new Error(`Simulated answer for ${request.task} is invalid: ${parsed.message}`);
      calls.push({
        task: request.task,
        traceId: request.traceId,
        kind: 'object',
        ...t,
        startedAt,
        endedAt: performance.now(),
      });
      return { value: parsed.value, usage: usage(t), model: modelId, rawText };
    },
    streamText(request: StreamTextRequest): TextStream {
      return createTextStream(async (controller) => {
        const startedAt = performance.now();
        const text = String(options.answer(request.task, request.messages));
        const t = timing(request.messages, text);
        if (scale > 0) await abortableDelay(t.firstTokenMs * scale, request.signal);
        const words = text.split(/(?<= )/);
        for (const word of words) controller.emit(word);
        if (scale > 0) await abortableDelay((t.totalMs - t.firstTokenMs) * scale, request.signal);
        calls.push({
          task: request.task,
          traceId: request.traceId,
          kind: 'text',
          ...t,
          startedAt,
          endedAt: performance.now(),
        });
        return { usage: usage(t), model: modelId };
      });
    },
  };
}
