import { z } from 'zod';
import type { Embedder, LanguageModel } from '../model/language-model.js';

/** Task name every conformance call is made with. */
export const CONFORMANCE_TASK = 'conformance';

/** The schema every structured conformance call asks for. */
export const conformanceSchema = z.object({
  answer: z.string(),
  confidence: z.number().int().min(0).max(10),
  tags: z.array(z.string()),
});

/** A value that conforms to {@link conformanceSchema}. */
export const CONFORMANCE_OBJECT: z.output<typeof conformanceSchema> = Object.freeze({
  answer: 'Yes, the order shipped on Monday.',
  confidence: 8,
  tags: ['order', 'shipping'],
});

/** Chunks streamed by the `text` and `abort-mid-stream` scenarios. */
export const CONFORMANCE_CHUNKS: readonly string[] = Object.freeze([
  'Your order',
  ' shipped',
  ' on Monday.',
]);

/**
 * How the fake backend behind the model under test must behave for one check. "Reply" means one
 * HTTP response (or equivalent) of the vendor's wire format whose output text is as described;
 * the adapter is expected to send JSON-schema requests for structured calls.
 */
export type LanguageModelScenario =
  /** Every reply's output text is `JSON.stringify(json)`. */
  | { kind: 'object'; json: unknown }
  /** Every reply streams `chunks` as text deltas, in order, then ends normally. */
  | { kind: 'text'; chunks: readonly string[] }
  /** The first reply is `invalid` (raw output text), every later one is `JSON.stringify(json)`. */
  | { kind: 'invalid-json-then-valid'; invalid: string; json: unknown }
  /** Every reply's output text is `invalid`. */
  | { kind: 'invalid-always'; invalid: string }
  /** The first request gets HTTP 429 (rate limited); every later one `JSON.stringify(json)`. */
  | { kind: 'rate-limit-then-success'; json: unknown }
  /** Every request gets HTTP 500. */
  | { kind: 'server-error-always' }
  /** Every request gets HTTP 400 (a bad request: not retryable). */
  | { kind: 'bad-request' }
  /** Requests are accepted but never answered (headers never sent) until the client gives up. */
  | { kind: 'hang' }
  /** Replies stream `chunks` and then stall forever without ending the stream. */
  | { kind: 'abort-mid-stream'; chunks: readonly string[] };

/** The scenario kinds, for `skip` lists and exhaustive harnesses. */
export type LanguageModelScenarioKind = LanguageModelScenario['kind'];

/** The model under test, wired to a fake backend that plays one scenario. */
export interface LanguageModelHarness {
  model: LanguageModel;
  /**
   * How many requests reached the backend so far. When given, the kit checks that exactly one
   * repair request is made and that successful calls make one request.
   */
  requestCount?: () => number;
  /** Releases the backend (closes a server, …); called after every check, pass or fail. */
  close?: () => void | Promise<void>;
}

/** How an adapter's test plugs its model into {@link describeLanguageModelConformance}. */
export interface LanguageModelConformanceSetup {
  /**
   * Builds the model under test against a backend playing `scenario`. Adapters that retry
   * (429 / 5xx) should use a tiny backoff here so checks stay fast: a 429 may be retried away
   * or surface as a retryable `ModelError`; a backend that always answers 500 must end in a
   * retryable `ModelError` once retries are exhausted.
   */
  createModel(
    scenario: LanguageModelScenario,
  ): LanguageModelHarness | Promise<LanguageModelHarness>;
  /** Check ids (keys of `languageModelChecks`) to skip, for backends that cannot play them. */
  skip?: readonly string[];
  /**
   * How long a call may take to settle after an abort or timeout before the kit calls it stuck;
   * defaults to 2000 ms. This catches adapters that ignore signals; it is not a speed test.
   */
  settleWithinMs?: number;
}

/** The embedder under test. */
export interface EmbedderHarness {
  embedder: Embedder;
  close?: () => void | Promise<void>;
}

/** How an adapter's test plugs its embedder into {@link describeEmbedderConformance}. */
export interface EmbedderConformanceSetup {
  /**
   * Builds the embedder under test. Its backend must be deterministic: the same text always
   * gets the same vector, whatever batch it comes in.
   */
  createEmbedder(): EmbedderHarness | Promise<EmbedderHarness>;
  /** Check ids (keys of `embedderChecks`) to skip. */
  skip?: readonly string[];
}
