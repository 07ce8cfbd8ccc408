import { describe, it } from 'vitest';
import { cancellationChecks } from './model-conformance-cancel-checks.js';
import { outcomeChecks } from './model-conformance-checks.js';
import { type EmbedderCheck, embedderChecks } from './model-conformance-embedder-checks.js';
import type { LanguageModelCheck } from './model-conformance-helpers.js';
import type {
  EmbedderConformanceSetup,
  LanguageModelConformanceSetup,
} from './model-conformance-scenarios.js';

/** Every language-model conformance check, by id (the ids `skip` refers to). */
export const languageModelChecks: Readonly<Record<string, LanguageModelCheck>> = {
  ...outcomeChecks,
  ...cancellationChecks,
};

const DEFAULT_SETTLE_WITHIN_MS = 2_000;

/**
 * Runs one check: builds the model for the check's scenario, runs the check, then closes the
 * harness. Rejects with the check's failure. Exposed so a kit's own tests can prove a check fails.
 */
export async function runLanguageModelCheck(
  check: LanguageModelCheck,
  setup: LanguageModelConformanceSetup,
): Promise<void> {
  const harness = await setup.createModel(check.scenario);
  try {
    await check.run({
      harness,
      settleWithinMs: setup.settleWithinMs ?? DEFAULT_SETTLE_WITHIN_MS,
    });
  } finally {
    await harness.close?.();
  }
}

/**
 * The language-model conformance kit: registers a vitest suite named `name` with one test per
 * check in {@link languageModelChecks}. Every `LanguageModel` adapter runs it from its tests,
 * with a `setup` that points the adapter at a fake backend speaking the vendor's wire format.
 *
 * @example
 * describeLanguageModelConformance('openai adapter', {
 *   createModel: async (scenario) => {
 *     const server = await startFakeOpenAi(scenario);
 *     const model = createOpenAiModel({ baseURL: server.url, maxRetries: 0 });
 *     return { model, requestCount: () => server.requests, close: () => server.close() };
 *   },
 * });
 */
export function describeLanguageModelConformance(
  name: string,
  setup: LanguageModelConformanceSetup,
): void {
  describe(name, () => {
    for (const [id, check] of Object.entries(languageModelChecks)) {
      const test = setup.skip?.includes(id) ? it.skip : it;
      test(check.title, () => runLanguageModelCheck(check, setup));
    }
  });
}

/** Runs one embedder check against a fresh harness, then closes it. */
export async function runEmbedderCheck(
  check: EmbedderCheck,
  setup: EmbedderConformanceSetup,
): Promise<void> {
  const harness = await setup.createEmbedder();
  try {
    await check.run(harness.embedder);
  } finally {
    await harness.close?.();
  }
}

/**
 * The embedder conformance kit: a vitest suite checking vector count, order, dimensions, usage
 * and abort handling. Every `Embedder` adapter runs it from its tests.
 */
export function describeEmbedderConformance(name: string, setup: EmbedderConformanceSetup): void {
  describe(name, () => {
    for (const [id, check] of Object.entries(embedderChecks)) {
      const test = setup.skip?.includes(id) ? it.skip : it;
      test(check.title, () => runEmbedderCheck(check, setup));
    }
  });
}
