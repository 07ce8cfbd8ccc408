import {
  AbortedError,
  createTextStream,
  extractJsonCandidates,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type LanguageModel,
  parseStructuredOutput,
  type StreamTextRequest,
  type TextStream,
  ZERO_USAGE,
} from '@conduct/core';
import type { z } from 'zod';
import type { Cassette, CassetteCall } from './cassette.js';
import { CassetteStaleError } from './cassette-errors.js';
import type { CassetteEntry } from './cassette-file.js';
import { schemaIdentity } from './prompt-key.js';

/** Options of {@link cassetteModel}. */
export interface CassetteModelOptions {
  cassette: Cassette;
  /** The real model; absent in pure replay. */
  model: LanguageModel | undefined;
}

/**
 * The `LanguageModel` a cassette hands the engine: each call is placed, looked up, and either
 * replayed (usage zero, the recorded model id), sent to the real model and recorded, or failed
 * with `CassetteMissError` (replay mode).
 */
export function cassetteModel(options: CassetteModelOptions): LanguageModel {
  const { cassette, model } = options;
  return {
    provider: model?.provider ?? 'cassette',
    modelId: model?.modelId ?? 'cassette',
    isSmall: (task) => {
      if (model === undefined || cassette.mode === 'replay') return cassette.isSmall(task);
      const small = model.isSmall?.(task) ?? false;
      if (small) cassette.markSmall(task);
      return small;
    },
    async generateObject<S extends z.ZodType>(
      request: GenerateObjectRequest<S>,
    ): Promise<GenerateObjectResult<z.output<S>>> {
      const call = cassette.place({
        task: request.task,
        kind: 'object',
        schema: schemaIdentity(request.schema, request.schemaName),
        messages: request.messages,
      });
      const entry = cassette.lookup(call);
      if (entry !== undefined) return replayObject({ cassette, call, entry, request });
      if (model === undefined || cassette.mode === 'replay') throw cassette.miss(call);
      const result = await model.generateObject(request);
      cassette.record(call, {
        model: result.model,
        ...objectAnswer(result.rawText, request.schema),
      });
      return result;
    },
    streamText(request: StreamTextRequest): TextStream {
      const call = cassette.place({
        task: request.task,
        kind: 'text',
        schema: undefined,
        messages: request.messages,
      });
      const entry = cassette.lookup(call);
      if (entry !== undefined) return replayText(entry, request);
      if (model === undefined || cassette.mode === 'replay') {
        const miss = cassette.miss(call);
        return createTextStream(() => Promise.reject(miss));
      }
      const stream = model.streamText(request);
      cassette.track(
        stream.result.then(
          (result) =>
            cassette.record(call, {
              model: result.model,
              text: result.text,
              ...(result.finishReason === undefined || result.finishReason === 'stop'
                ? {}
                : { finishReason: result.finishReason }),
            }),
          // A failed call is not recorded: the caller sees its error.
          () => undefined,
        ),
      );
      return stream;
    },
  };
}

function replayObject<S extends z.ZodType>(input: {
  cassette: Cassette;
  call: CassetteCall;
  entry: CassetteEntry;
  request: GenerateObjectRequest<S>;
}): GenerateObjectResult<z.output<S>> {
  const { cassette, call, entry, request } = input;
  if (request.signal?.aborted) throw new AbortedError(`Model call '${request.task}'`);
  const rawText = entry.value === undefined ? (entry.text ?? '') : JSON.stringify(entry.value);
  const parsed = parseStructuredOutput(rawText, request.schema);
  if (!parsed.ok) throw new CassetteStaleError(cassette.path, call, parsed.message);
  return { value: parsed.value, usage: { ...ZERO_USAGE }, model: entry.model, rawText };
}

/** The recorded text, streamed a word at a time as a provider would. */
function replayText(entry: CassetteEntry, request: StreamTextRequest): TextStream {
  const text = entry.text ?? '';
  return createTextStream(async (controller) => {
    for (const chunk of text.split(/(?<=\s)/)) {
      if (request.signal?.aborted) throw new AbortedError(`Model call '${request.task}'`);
      controller.emit(chunk);
      // Let readers see each chunk before the next, as with a real stream.
      await Promise.resolve();
    }
    return {
      usage: { ...ZERO_USAGE },
      model: entry.model,
      text,
      ...(entry.finishReason === undefined ? {} : { finishReason: entry.finishReason }),
    };
  });
}

/**
 * What to store of a structured answer: the JSON value in the raw text that fits the schema
 * (readable in the file), else the raw text itself.
 */
function objectAnswer(rawText: string, schema: z.ZodType): { value?: unknown; text?: string } {
  for (const candidate of extractJsonCandidates(rawText)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    if (schema.safeParse(value).success) return { value };
  }
  return { text: rawText };
}
