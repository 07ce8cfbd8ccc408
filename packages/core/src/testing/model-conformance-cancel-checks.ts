import { expect } from 'vitest';
import { AbortedError, TimeoutError } from '../errors/errors.js';
import {
  collectDeltas,
  expectError,
  expectRequests,
  type LanguageModelCheck,
  objectRequest,
  rejectionOf,
  settleWithin,
  textRequest,
} from './model-conformance-helpers.js';
import { CONFORMANCE_CHUNKS } from './model-conformance-scenarios.js';

const isAborted = (value: unknown) => AbortedError.is(value);
const isTimeout = (value: unknown) => TimeoutError.is(value);
const ABORT_AFTER_MS = 20;
const TIMEOUT_MS = 50;

/** Conformance checks for cancellation: abort signals and `timeoutMs`. */
export const cancellationChecks = {
  abortsObjectCall: {
    title: 'rejects a hanging structured call with AbortedError when its signal aborts',
    scenario: { kind: 'hang' },
    async run(context) {
      const controller = new AbortController();
      const call = context.harness.model.generateObject(
        objectRequest({ signal: controller.signal }),
      );
      setTimeout(() => controller.abort(), ABORT_AFTER_MS);
      const settled = await settleWithin(call, context.settleWithinMs, 'aborted generateObject');
      expectError(rejectionOf(settled, 'aborted generateObject'), isAborted, 'AbortedError');
    },
  },
  rejectsPreAbortedCall: {
    title: 'rejects with AbortedError, sending nothing, when the signal is already aborted',
    scenario: { kind: 'hang' },
    async run(context) {
      const signal = AbortSignal.abort();
      const call = context.harness.model.generateObject(objectRequest({ signal }));
      const settled = await settleWithin(call, context.settleWithinMs, 'pre-aborted call');
      expectError(rejectionOf(settled, 'pre-aborted call'), isAborted, 'AbortedError');
      expectRequests(context, 0, 'a pre-aborted call sends no request');
    },
  },
  timesOutObjectCall: {
    title: 'rejects a hanging structured call with TimeoutError after timeoutMs',
    scenario: { kind: 'hang' },
    async run(context) {
      const call = context.harness.model.generateObject(objectRequest({ timeoutMs: TIMEOUT_MS }));
      const settled = await settleWithin(
        call,
        TIMEOUT_MS + context.settleWithinMs,
        'timed-out generateObject',
      );
      const error = rejectionOf(settled, 'timed-out generateObject');
      expectError(error, isTimeout, 'TimeoutError');
      expect((error as TimeoutError).timeoutMs).toBe(TIMEOUT_MS);
    },
  },
  timesOutStream: {
    title: 'rejects a hanging stream with TimeoutError from iteration and result',
    scenario: { kind: 'hang' },
    async run(context) {
      const stream = context.harness.model.streamText(textRequest({ timeoutMs: TIMEOUT_MS }));
      const within = TIMEOUT_MS + context.settleWithinMs;
      const iterated = await settleWithin(collectDeltas(stream), within, 'timed-out stream');
      if (!iterated.ok) throw iterated.error;
      expect(iterated.value.deltas).toEqual([]);
      expectError(iterated.value.error, isTimeout, 'TimeoutError');
      const result = await settleWithin(stream.result, within, 'timed-out result');
      expectError(rejectionOf(result, 'timed-out result'), isTimeout, 'TimeoutError');
    },
  },
  abortsMidStream: {
    title: 'stops a stream mid-way with AbortedError when its signal aborts',
    scenario: { kind: 'abort-mid-stream', chunks: CONFORMANCE_CHUNKS },
    async run(context) {
      const controller = new AbortController();
      const stream = context.harness.model.streamText(textRequest({ signal: controller.signal }));
      const iterated = await settleWithin(
        collectDeltas(stream, () => controller.abort()),
        context.settleWithinMs,
        'aborted stream',
      );
      if (!iterated.ok) throw iterated.error;
      const { deltas, error } = iterated.value;
      expectError(error, isAborted, 'AbortedError');
      const received = deltas.join('');
      expect(received.length, 'at least one delta before the abort').toBeGreaterThan(0);
      expect(CONFORMANCE_CHUNKS.join('').startsWith(received), 'deltas are a prefix').toBe(true);
      const result = await settleWithin(stream.result, context.settleWithinMs, 'result');
      expectError(rejectionOf(result, 'aborted stream result'), isAborted, 'AbortedError');
    },
  },
} satisfies Record<string, LanguageModelCheck>;
