import type { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { abortableDelay, type CallDeadline, createCallDeadline } from '../model/call-deadline.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  ModelMessage,
  ModelUsage,
  StreamTextRequest,
  TextFinishReason,
  TextStream,
} from '../model/language-model.js';
import { ZERO_USAGE } from '../model/language-model.js';
import { generateWithRepair } from '../model/structured-output.js';
import { createTextStream } from '../model/text-stream.js';
import { addUsage } from '../model/usage.js';
import {
  DIRECTIVE,
  estimateTokens,
  isDirective,
  resolveAnswer,
  type ScriptedAnswer,
  type ScriptedChunking,
  type ScriptedRequest,
  textChunksOf,
} from './model-script.js';
import { ScriptBook } from './model-script-book.js';
import {
  type ScriptedAttempt,
  type ScriptedModelCall,
  startScriptedCall,
} from './model-scripted-call.js';

export type { ScriptedAttempt, ScriptedModelCall } from './model-scripted-call.js';

/** Options of {@link createScriptedModel}. */
export interface ScriptedModelOptions {
  /** Model id reported on results and records; defaults to `scripted-model`. */
  modelId?: string;
  /** Answers by task, as if passed to `on` one by one. */
  answers?: Readonly<Record<string, ScriptedAnswer>>;
  /** Answer for tasks that have neither a queued nor an `on` answer. */
  fallback?: ScriptedAnswer;
  /** Simulated latency of every attempt (abort- and timeout-aware); defaults to 0. */
  latencyMs?: number | ((request: ScriptedRequest) => number);
  /** Pause before each streamed delta (abort- and timeout-aware); defaults to 0. */
  chunkDelayMs?: number;
  /** How string answers to text calls are cut into deltas; defaults to `words`. */
  chunking?: ScriptedChunking;
  /** Token counter for usage; defaults to `ceil(characters / 4)`. */
  countTokens?: (text: string) => number;
}

/** The scripted test double of {@link LanguageModel}. See {@link createScriptedModel}. */
export interface ScriptedModel extends LanguageModel {
  /** Every call so far, oldest first. */
  readonly calls: readonly ScriptedModelCall[];
  /** Answers every call for `task` with `answer` (after any queued answers). */
  on(task: string, answer: ScriptedAnswer): this;
  /** Queues answers for `task`, consumed one per attempt in order before the `on` answer. */
  queue(task: string, ...answers: ScriptedAnswer[]): this;
  /** The calls made for `task`. */
  callsFor(task: string): ScriptedModelCall[];
  /** How many queued answers for `task` are still unused. */
  pending(task: string): number;
  /** Forgets the recorded calls, keeping the script. */
  clearCalls(): void;
  /** Forgets the recorded calls and everything scripted with `on`/`queue` since creation. */
  reset(): void;
}

/**
 * Creates a {@link ScriptedModel}: a deterministic `LanguageModel` whose answers are scripted
 * per task. Structured answers are serialized and then go through the same parse, validate and
 * repair path as a real adapter (`generateWithRepair`), so a wrong shape ends in
 * `ModelOutputError` after one repair attempt. A call for an unscripted task throws
 * `ConfigurationError` naming the task.
 *
 * @example
 * const model = createScriptedModel()
 *   .on('actionable', { applies: true })
 *   .queue('compose', 'Hello there!', scripted.fail('rate limited', { retryable: true }));
 */
export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  return new ScriptedLanguageModel(options);
}

class ScriptedLanguageModel implements ScriptedModel {
  readonly provider = 'scripted';
  readonly modelId: string;
  readonly calls: ScriptedModelCall[] = [];
  readonly #options: ScriptedModelOptions;
  readonly #script: ScriptBook;

  constructor(options: ScriptedModelOptions) {
    this.#options = options;
    this.modelId = options.modelId ?? 'scripted-model';
    this.#script = new ScriptBook(options.answers, options.fallback);
  }

  on(task: string, answer: ScriptedAnswer): this {
    this.#script.on(task, answer);
    return this;
  }

  queue(task: string, ...answers: ScriptedAnswer[]): this {
    this.#script.queue(task, answers);
    return this;
  }

  callsFor(task: string): ScriptedModelCall[] {
    return this.calls.filter((call) => call.task === task);
  }

  pending(task: string): number {
    return this.#script.pending(task);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  reset(): void {
    this.clearCalls();
    this.#script.reset();
  }

  async generateObject<S extends z.ZodType>(
    request: GenerateObjectRequest<S>,
  ): Promise<GenerateObjectResult<z.output<S>>> {
    const call = startScriptedCall(this.calls, 'object', request, request.schema);
    const deadline = createCallDeadline(request, this.#operation(request.task));
    try {
      deadline.throwIfDone();
      const result = await deadline.race(
        generateWithRepair({
          task: request.task,
          schema: request.schema,
          messages: request.messages,
          attempt: async (messages, { repair }) => {
            const attempt: ScriptedAttempt = { messages };
            call.attempts.push(attempt);
            const info = this.#info('object', request, messages, repair ? 1 : 0, deadline);
            const answer = await this.#answer(info, deadline);
            const text = 'raw' in answer ? answer.raw : (JSON.stringify(answer.value) ?? '');
            attempt.output = text;
            const usage = this.#usage(messages, text);
            call.usage = addUsage(call.usage, usage);
            return { text, usage, model: this.modelId };
          },
        }),
      );
      Object.assign(call, { output: result.rawText, value: result.value });
      return result;
    } catch (error) {
      call.error = deadline.mapError(error);
      throw call.error;
    } finally {
      call.endedAt = new Date().toISOString();
      deadline.dispose();
    }
  }

  streamText(request: StreamTextRequest): TextStream {
    const call = startScriptedCall(this.calls, 'text', request, undefined);
    const attempt: ScriptedAttempt = { messages: request.messages };
    call.attempts.push(attempt);
    const deadline = createCallDeadline(request, this.#operation(request.task));
    const { chunkDelayMs = 0, chunking = 'words' } = this.#options;

    return createTextStream(async (controller) => {
      try {
        deadline.throwIfDone();
        const info = this.#info('text', request, request.messages, 0, deadline);
        const answer = await this.#answer(info, deadline);
        const value = 'raw' in answer ? answer.raw : answer.value;
        let finishReason: TextFinishReason | undefined;
        for (const chunk of textChunksOf(value, request.task, chunking)) {
          if (isDirective(chunk) && chunk[DIRECTIVE] === 'finish') {
            finishReason = chunk.reason;
            break;
          }
          if (chunkDelayMs > 0) await abortableDelay(chunkDelayMs, deadline.signal);
          const piece = await deadline.race(
            resolveAnswer(chunk as ScriptedAnswer, info, this.modelId),
          );
          const delta = 'raw' in piece ? piece.raw : piece.value;
          if (typeof delta !== 'string') {
            throw new ConfigurationError(
              `Scripted chunk for text task '${request.task}' must be a string, got ${typeof delta}`,
            );
          }
          deadline.throwIfDone();
          controller.emit(delta);
        }
        attempt.output = controller.text;
        call.output = controller.text;
        call.usage = this.#usage(request.messages, controller.text);
        return {
          usage: call.usage,
          model: this.modelId,
          ...(finishReason === undefined ? {} : { finishReason }),
        };
      } catch (error) {
        call.error = deadline.mapError(error);
        throw call.error;
      } finally {
        call.endedAt = new Date().toISOString();
        deadline.dispose();
      }
    });
  }

  // The answer is taken before any await so concurrent calls get queued answers in call order.
  async #answer(info: ScriptedRequest, deadline: CallDeadline) {
    const answer = this.#script.next(info.task, `${info.kind} task`, this.modelId);
    const { latencyMs = 0 } = this.#options;
    const latency = typeof latencyMs === 'function' ? latencyMs(info) : latencyMs;
    if (latency > 0) await abortableDelay(latency, deadline.signal);
    return deadline.race(resolveAnswer(answer, info, this.modelId));
  }

  #info(
    kind: 'object' | 'text',
    request: GenerateObjectRequest | StreamTextRequest,
    messages: ModelMessage[],
    attempt: number,
    deadline: CallDeadline,
  ): ScriptedRequest {
    return { kind, task: request.task, messages, request, attempt, signal: deadline.signal };
  }

  #usage(messages: readonly ModelMessage[], output: string): ModelUsage {
    const count = this.#options.countTokens ?? estimateTokens;
    const inputTokens = messages.reduce((sum, message) => sum + count(message.content), 0);
    return { ...ZERO_USAGE, inputTokens, outputTokens: count(output) };
  }

  #operation(task: string): string {
    return `Scripted model call for task '${task}'`;
  }
}
