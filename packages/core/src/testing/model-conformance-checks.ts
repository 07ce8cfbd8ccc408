import { expect } from 'vitest';
import { ModelError, ModelOutputError } from '../errors/errors.js';
import { parseStructuredOutput } from '../model/structured-output.js';
import {
  collectDeltas,
  describeError,
  expectError,
  expectRequests,
  expectUsage,
  type LanguageModelCheck,
  objectRequest,
  rejectionOf,
  settleWithin,
  textRequest,
} from './model-conformance-helpers.js';
import {
  CONFORMANCE_CHUNKS,
  CONFORMANCE_OBJECT,
  CONFORMANCE_TASK,
  conformanceSchema,
} from './model-conformance-scenarios.js';

function expectModelError(error: unknown, status: number, retryable: boolean, modelId: string) {
  expectError(error, (value) => ModelError.is(value), 'ModelError');
  const modelError = error as ModelError;
  expect(modelError.status, 'ModelError.status').toBe(status);
  expect(modelError.isRetryable, 'ModelError.isRetryable').toBe(retryable);
  expect(modelError.task, 'ModelError.task').toBe(CONFORMANCE_TASK);
  expect(modelError.model, 'ModelError.model').toBe(modelId);
}

/** Conformance checks for what a call returns or throws, by id. */
export const outcomeChecks = {
  identity: {
    title: 'names its provider and model',
    scenario: { kind: 'object', json: CONFORMANCE_OBJECT },
    async run({ harness }) {
      expect(harness.model.provider).toMatch(/\S/);
      expect(harness.model.modelId).toMatch(/\S/);
    },
  },
  structuredOutput: {
    title: 'returns a typed value that conforms to the schema, with usage',
    scenario: { kind: 'object', json: CONFORMANCE_OBJECT },
    async run(context) {
      const result = await context.harness.model.generateObject(objectRequest());
      // Compile-time half of the check: the value is typed by the schema.
      const value: { answer: string; confidence: number; tags: string[] } = result.value;
      expect(value).toEqual(CONFORMANCE_OBJECT);
      expect(result.model).toMatch(/\S/);
      expect(parseStructuredOutput(result.rawText, conformanceSchema).ok, 'rawText parses').toBe(
        true,
      );
      expectUsage(result.usage);
      expectRequests(context, 1, 'a valid answer needs one request');
    },
  },
  repairsInvalidOutput: {
    title: 'repairs invalid output with exactly one more request',
    scenario: {
      kind: 'invalid-json-then-valid',
      invalid: '{"answer": 42, "confidence": "high"}',
      json: CONFORMANCE_OBJECT,
    },
    async run(context) {
      const result = await context.harness.model.generateObject(objectRequest());
      expect(result.value).toEqual(CONFORMANCE_OBJECT);
      expectUsage(result.usage);
      expectRequests(context, 2, 'one request plus one repair request');
    },
  },
  failsAfterOneRepair: {
    title: 'rejects with ModelOutputError after one failed repair',
    scenario: { kind: 'invalid-always', invalid: 'I am not sure, sorry.' },
    async run(context) {
      const settled = await settleWithin(
        context.harness.model.generateObject(objectRequest()),
        context.settleWithinMs,
        'generateObject',
      );
      const error = rejectionOf(settled, 'generateObject with invalid output');
      expectError(error, (value) => ModelOutputError.is(value), 'ModelOutputError');
      const outputError = error as ModelOutputError;
      expect(outputError.task).toBe(CONFORMANCE_TASK);
      expect(outputError.output).toBe('I am not sure, sorry.');
      expect(outputError.issues.length).toBeGreaterThan(0);
      expectRequests(context, 2, 'one request plus exactly one repair request');
    },
  },
  streamsText: {
    title: 'streams deltas that concatenate to result.text, with usage',
    scenario: { kind: 'text', chunks: CONFORMANCE_CHUNKS },
    async run(context) {
      const stream = context.harness.model.streamText(textRequest());
      const { deltas, error } = await collectDeltas(stream);
      expect(error, 'iteration error').toBeUndefined();
      expect(deltas.join('')).toBe(CONFORMANCE_CHUNKS.join(''));
      const result = await stream.result;
      expect(result.text).toBe(CONFORMANCE_CHUNKS.join(''));
      expect(result.model).toMatch(/\S/);
      expectUsage(result.usage);
    },
  },
  resultWithoutIteration: {
    title: 'settles result even when nobody iterates the stream',
    scenario: { kind: 'text', chunks: CONFORMANCE_CHUNKS },
    async run(context) {
      const stream = context.harness.model.streamText(textRequest());
      const settled = await settleWithin(stream.result, context.settleWithinMs, 'result');
      expect(settled.ok ? settled.value.text : describeError(settled.error)).toBe(
        CONFORMANCE_CHUNKS.join(''),
      );
    },
  },
  rateLimitIsRetryable: {
    title: 'recovers from a rate limit (429): retries itself, or surfaces a retryable ModelError',
    scenario: { kind: 'rate-limit-then-success', json: CONFORMANCE_OBJECT },
    async run(context) {
      const { model } = context.harness;
      // Adapters with built-in retries succeed at once; without them, the 429 surfaces as a
      // retryable ModelError and the next call succeeds. Both are conformant.
      const first = await settleWithin(model.generateObject(objectRequest()), 5_000, 'call');
      if (first.ok) {
        expect(first.value.value).toEqual(CONFORMANCE_OBJECT);
        return;
      }
      expectModelError(rejectionOf(first, 'rate-limited call'), 429, true, model.modelId);
      const second = await model.generateObject(objectRequest());
      expect(second.value).toEqual(CONFORMANCE_OBJECT);
    },
  },
  serverErrorIsRetryable: {
    title: 'surfaces a server error as a retryable ModelError (500), from objects and streams',
    scenario: { kind: 'server-error-always' },
    async run(context) {
      const { model } = context.harness;
      const settled = await settleWithin(model.generateObject(objectRequest()), 5_000, 'call');
      expectModelError(rejectionOf(settled, 'generateObject'), 500, true, model.modelId);
      const stream = model.streamText(textRequest());
      const { error } = await collectDeltas(stream);
      expectModelError(error, 500, true, model.modelId);
      const result = await settleWithin(stream.result, context.settleWithinMs, 'result');
      expectModelError(rejectionOf(result, 'stream result'), 500, true, model.modelId);
    },
  },
  badRequestIsNotRetryable: {
    title: 'surfaces a bad request as a non-retryable ModelError (400)',
    scenario: { kind: 'bad-request' },
    async run(context) {
      const { model } = context.harness;
      const settled = await settleWithin(model.generateObject(objectRequest()), 5_000, 'call');
      expectModelError(rejectionOf(settled, 'generateObject'), 400, false, model.modelId);
    },
  },
} satisfies Record<string, LanguageModelCheck>;
