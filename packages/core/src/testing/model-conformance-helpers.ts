import { expect } from 'vitest';
import type {
  ModelCallContext,
  ModelMessage,
  StreamTextRequest,
  TextStream,
} from '../model/language-model.js';
import {
  CONFORMANCE_TASK,
  conformanceSchema,
  type LanguageModelHarness,
  type LanguageModelScenario,
} from './model-conformance-scenarios.js';

/** How a promise settled, as seen by {@link settleWithin}. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Waits for `promise`, but fails the check when it has not settled after `ms`: an adapter that
 * ignores its signal or timeout must fail the kit rather than hang the test run.
 */
export async function settleWithin<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle within ${ms} ms (signal ignored?)`)),
      ms,
    );
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => ({ ok: false, error }),
      ),
      stuck,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rejection of a settled call; fails the check when the call succeeded. */
export function rejectionOf(settled: Settled<unknown>, what: string): unknown {
  if (settled.ok) throw new Error(`${what} should have rejected, but it succeeded`);
  return settled.error;
}

/** Iterates `stream`, collecting its deltas and the error iteration threw, if any. */
export async function collectDeltas(
  stream: TextStream,
  onDelta?: (delta: string) => void,
): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) {
      deltas.push(delta);
      onDelta?.(delta);
    }
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

/** Asserts that every usage count is a non-negative integer. */
export function expectUsage(usage: object, keys: readonly string[] = USAGE_KEYS): void {
  for (const key of keys) {
    const count = (usage as Record<string, unknown>)[key];
    expect(Number.isInteger(count), `usage.${key} is an integer (got ${count})`).toBe(true);
    expect(count, `usage.${key} is non-negative`).toBeGreaterThanOrEqual(0);
  }
}

/** The four counts of `ModelUsage`. */
export const USAGE_KEYS = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
] as const;

/** Describes an error for assertion messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** What a language-model check runs against. */
export interface LanguageModelCheckContext {
  harness: LanguageModelHarness;
  /** See `LanguageModelConformanceSetup.settleWithinMs`. */
  settleWithinMs: number;
}

/** One conformance check: the scenario its backend plays and an async body that throws on failure. */
export interface LanguageModelCheck {
  readonly title: string;
  readonly scenario: LanguageModelScenario;
  run(context: LanguageModelCheckContext): Promise<void>;
}

/** Per-call options a check may add to its request. */
export type CallOptions = Pick<ModelCallContext, 'signal' | 'timeoutMs'>;

const PROMPT: ModelMessage[] = [
  { role: 'system', content: 'You answer questions about orders.' },
  { role: 'user', content: 'Did my order ship?' },
];
/** A structured conformance request. */
export const objectRequest = (extra: CallOptions = {}) => ({
  task: CONFORMANCE_TASK,
  messages: PROMPT,
  schema: conformanceSchema,
  ...extra,
});
/** A text conformance request. */
export const textRequest = (extra: CallOptions = {}): StreamTextRequest => ({
  task: CONFORMANCE_TASK,
  messages: PROMPT,
  ...extra,
});

/** Checks the backend's request count, when the harness reports it. */
export function expectRequests({ harness }: LanguageModelCheckContext, count: number, why: string) {
  if (harness.requestCount) expect(harness.requestCount(), why).toBe(count);
}

/** Asserts that `error` passes `guard` (e.g. `ModelError.is`). */
export function expectError(error: unknown, guard: (value: unknown) => boolean, name: string) {
  expect(guard(error), `expected ${name}, got ${describeError(error)}`).toBe(true);
}
