import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ModelError, ModelOutputError } from '../errors/errors.js';
import type {
  GenerateObjectRequest,
  LanguageModel,
  StreamTextRequest,
} from '../model/language-model.js';
import { ZERO_USAGE } from '../model/language-model.js';
import { parseStructuredOutput } from '../model/structured-output.js';
import { createTextStream } from '../model/text-stream.js';
import { errorMessage } from '../util/error-message.js';
import {
  describeEmbedderConformance,
  describeLanguageModelConformance,
  languageModelChecks,
  runEmbedderCheck,
  runLanguageModelCheck,
} from './model-conformance.js';
import { embedderChecks } from './model-conformance-embedder-checks.js';
import {
  CONFORMANCE_TASK,
  type LanguageModelConformanceSetup,
  type LanguageModelHarness,
  type LanguageModelScenario,
} from './model-conformance-scenarios.js';
import { type ScriptedAnswer, scripted } from './model-script.js';
import { createScriptedEmbedder } from './scripted-embedder.js';
import { createScriptedModel } from './scripted-model.js';

/** The reference harness: the scripted model playing each scenario, counting attempts as requests. */
function scriptedHarness(scenario: LanguageModelScenario): LanguageModelHarness {
  const model = createScriptedModel({ modelId: 'scripted-conformance' });
  const task = CONFORMANCE_TASK;
  switch (scenario.kind) {
    case 'object':
      model.on(task, scenario.json as ScriptedAnswer);
      break;
    case 'text':
      model.on(task, [...scenario.chunks]);
      break;
    case 'invalid-json-then-valid':
      model.queue(task, scripted.raw(scenario.invalid)).on(task, scenario.json as ScriptedAnswer);
      break;
    case 'invalid-always':
      model.on(task, scripted.raw(scenario.invalid));
      break;
    case 'rate-limit-then-success':
      model
        .queue(task, scripted.fail('Rate limited', { retryable: true, status: 429 }))
        .on(task, scenario.json as ScriptedAnswer);
      break;
    case 'server-error-always':
      model.on(task, scripted.fail('Internal server error', { retryable: true, status: 500 }));
      break;
    case 'bad-request':
      model.on(task, scripted.fail('Bad request', { status: 400 }));
      break;
    case 'hang':
      model.on(task, scripted.hang());
      break;
    case 'abort-mid-stream':
      model.on(task, [...scenario.chunks, scripted.hang()]);
      break;
  }
  const requestCount = () => model.calls.reduce((sum, call) => sum + call.attempts.length, 0);
  return { model, requestCount };
}

const scriptedSetup: LanguageModelConformanceSetup = { createModel: scriptedHarness };

describeLanguageModelConformance('scripted model conformance', scriptedSetup);
describeEmbedderConformance('scripted embedder conformance', {
  createEmbedder: () => ({ embedder: createScriptedEmbedder({ dimensions: 32 }) }),
});

/** A setup whose model is the scripted one, altered by `alter` into a broken adapter. */
function broken(alter: (model: LanguageModel) => Partial<LanguageModel>) {
  return {
    settleWithinMs: 100,
    createModel: (scenario: LanguageModelScenario) => {
      const harness = scriptedHarness(scenario);
      const { model } = harness;
      const altered: LanguageModel = {
        provider: model.provider,
        modelId: model.modelId,
        generateObject: (request) => model.generateObject(request),
        streamText: (request) => model.streamText(request),
        ...alter(model),
      };
      return { ...harness, model: altered };
    },
  } satisfies LanguageModelConformanceSetup;
}

async function failureOf(id: string, setup: LanguageModelConformanceSetup): Promise<string> {
  const check = languageModelChecks[id];
  if (!check) throw new Error(`no check ${id}`);
  const error = await runLanguageModelCheck(check, setup).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  return error instanceof Error ? error.message : 'passed';
}

function stripSignals<R extends { signal?: AbortSignal; timeoutMs?: number }>(request: R): R {
  return { ...request, signal: undefined, timeoutMs: undefined };
}

describe('language model conformance kit catches broken adapters', () => {
  it('lists every check exactly once', () => {
    expect(Object.keys(languageModelChecks)).toEqual([
      'identity',
      'structuredOutput',
      'repairsInvalidOutput',
      'failsAfterOneRepair',
      'streamsText',
      'resultWithoutIteration',
      'rateLimitIsRetryable',
      'serverErrorIsRetryable',
      'badRequestIsNotRetryable',
      'abortsObjectCall',
      'rejectsPreAbortedCall',
      'timesOutObjectCall',
      'timesOutStream',
      'abortsMidStream',
    ]);
  });

  it('fails an adapter that ignores abort signals and timeouts', async () => {
    const setup = broken((model) => ({
      generateObject: (request) => model.generateObject(stripSignals(request)),
      streamText: (request) => model.streamText(stripSignals(request)),
    }));
    expect(await failureOf('abortsObjectCall', setup)).toBe(
      'aborted generateObject did not settle within 100 ms (signal ignored?)',
    );
    expect(await failureOf('timesOutObjectCall', setup)).toMatch(/did not settle within 150 ms/);
    expect(await failureOf('timesOutStream', setup)).toMatch(/did not settle within 150 ms/);
    expect(await failureOf('abortsMidStream', setup)).toMatch(/did not settle within 100 ms/);
  });

  it('fails an adapter that hides error types', async () => {
    const plain = (error: unknown) => {
      throw new Error(errorMessage(error));
    };
    const setup = broken((model) => ({
      generateObject: (request) => model.generateObject(request).catch(plain),
    }));
    expect(await failureOf('failsAfterOneRepair', setup)).toMatch(
      /expected ModelOutputError, got Error: Output of task 'conformance'/,
    );
    expect(await failureOf('serverErrorIsRetryable', setup)).toMatch(
      /expected ModelError, got Error: Internal server error/,
    );
  });

  it('fails an adapter that marks a server error as not retryable or drops its status', async () => {
    const setup = broken((model) => ({
      generateObject: (request) =>
        model.generateObject(request).catch((error: unknown) => {
          const modelError = error as ModelError;
          throw new ModelError(modelError.message, {
            task: modelError.task,
            model: modelError.model,
            status: modelError.status,
          });
        }),
    }));
    expect(await failureOf('serverErrorIsRetryable', setup)).toMatch(/ModelError.isRetryable/);
    expect(await failureOf('rateLimitIsRetryable', setup)).toMatch(/ModelError.isRetryable/);
  });

  it('fails an adapter that skips the repair attempt or repairs twice', async () => {
    const noRepair: LanguageModelConformanceSetup = {
      createModel: (scenario) => {
        const replies =
          scenario.kind === 'invalid-json-then-valid'
            ? [scenario.invalid, JSON.stringify(scenario.json)]
            : scenario.kind === 'invalid-always'
              ? [scenario.invalid]
              : [JSON.stringify('json' in scenario ? scenario.json : null)];
        let requests = 0;
        // An adapter that validates its one reply and never asks for a repair.
        const model: LanguageModel = {
          provider: 'naive',
          modelId: 'naive',
          async generateObject(request) {
            const text = replies[Math.min(requests++, replies.length - 1)] ?? '';
            const parsed = parseStructuredOutput(text, request.schema);
            if (parsed.ok)
              return { value: parsed.value, usage: ZERO_USAGE, model: 'naive', rawText: text };
            throw new ModelOutputError(parsed.message, {
              task: request.task,
              output: text,
              issues: parsed.issues,
            });
          },
          streamText: () => {
            throw new Error('not used');
          },
        };
        return { model, requestCount: () => requests };
      },
    };
    expect(await failureOf('structuredOutput', noRepair)).toBe('passed');
    expect(await failureOf('repairsInvalidOutput', noRepair)).toMatch(
      /^answer: Invalid input: expected string, received number; confidence: /,
    );
    expect(await failureOf('failsAfterOneRepair', noRepair)).toMatch(
      /one request plus exactly one repair request: expected 1 to be 2/,
    );
    const twice = {
      createModel: (scenario: LanguageModelScenario) => {
        const harness = scriptedHarness(scenario);
        return { ...harness, requestCount: () => (harness.requestCount?.() ?? 0) * 2 };
      },
    };
    expect(await failureOf('failsAfterOneRepair', twice)).toMatch(
      /one request plus exactly one repair request/,
    );
    expect(await failureOf('repairsInvalidOutput', twice)).toMatch(/one request plus one repair/);
    const unvalidated = broken((model) => ({
      generateObject: async <S extends z.ZodType>(request: GenerateObjectRequest<S>) => {
        const result = await model.generateObject({ ...request, schema: request.schema });
        return { ...result, value: { ...(result.value as object), confidence: 99 } as z.output<S> };
      },
    }));
    expect(await failureOf('structuredOutput', unvalidated)).toMatch(/expected .* to deeply equal/);
  });

  it('fails an adapter whose usage or deltas are wrong', async () => {
    const badUsage = broken((model) => ({
      generateObject: async (request) => {
        const result = await model.generateObject(request);
        return { ...result, usage: { ...result.usage, outputTokens: -1 } };
      },
    }));
    expect(await failureOf('structuredOutput', badUsage)).toMatch(
      /usage.outputTokens is non-negative/,
    );
    const lossy = broken((model) => ({
      streamText: (request: StreamTextRequest) =>
        createTextStream(async (controller) => {
          const inner = model.streamText(request);
          let first = true;
          for await (const delta of inner) {
            if (!first) controller.emit(delta);
            first = false;
          }
          return inner.result;
        }),
    }));
    expect(await failureOf('streamsText', lossy)).toMatch(/expected ' shipped on Monday\.' to be/);
  });

  it('fails an adapter whose stream result only settles when iterated', async () => {
    const lazy = broken((model) => ({
      streamText: (request: StreamTextRequest) => {
        let resolve: (value: unknown) => void = () => {};
        const iterated = new Promise((done) => {
          resolve = done;
        });
        const inner = model.streamText(request);
        return {
          result: iterated.then(() => inner.result),
          async *[Symbol.asyncIterator]() {
            resolve(undefined);
            yield* inner;
          },
        };
      },
    }));
    expect(await failureOf('resultWithoutIteration', lazy)).toBe(
      'result did not settle within 100 ms (signal ignored?)',
    );
  });
});

describe('embedder conformance kit catches broken embedders', () => {
  it('fails an embedder that returns vectors out of order or of mixed lengths', async () => {
    const inner = createScriptedEmbedder({ dimensions: 8 });
    const shuffled = {
      createEmbedder: () => ({
        embedder: {
          ...inner,
          embed: async (request: Parameters<typeof inner.embed>[0]) => {
            const result = await inner.embed(request);
            return { ...result, embeddings: [...result.embeddings].sort() };
          },
        },
      }),
    };
    await expect(runEmbedderCheck(embedderChecks.order, shuffled)).rejects.toThrow(/component/);
    const ragged = {
      createEmbedder: () => ({
        embedder: {
          ...inner,
          embed: async (request: Parameters<typeof inner.embed>[0]) => {
            const result = await inner.embed(request);
            return { ...result, embeddings: result.embeddings.map((v, i) => v.slice(i)) };
          },
        },
      }),
    };
    await expect(runEmbedderCheck(embedderChecks.vectors, ragged)).rejects.toThrow();
  });
});
