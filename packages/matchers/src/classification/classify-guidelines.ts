import {
  type BatchOptions,
  errorMessage,
  type Guideline,
  type GuidelineClassification,
  type GuidelineStore,
  type LanguageModel,
  loadTokenizer,
  numberedBatches,
} from '@conduct/core';
import { classificationHash, needsClassification } from './classification-facts.js';
import { classifyBatch, describeForClassification } from './classify-task.js';
import { mapConcurrent } from './map-concurrent.js';

/** Options of {@link classifyGuidelines}. */
export interface ClassifyGuidelinesOptions {
  /** Where guidelines are read from (when `guidelines` is not given) and written to. */
  store: { guidelines: GuidelineStore };
  /** The model (or router) that answers the `classify-guideline` task. */
  model: LanguageModel;
  /** Guidelines to consider. Default: every guideline in the store. */
  guidelines?: readonly Guideline[];
  signal?: AbortSignal;
  /** How guidelines are grouped into calls. Default: up to 10 per call, 1200 tokens of items. */
  batch?: BatchOptions;
  /** Most calls in flight at once. Default 4. */
  concurrency?: number;
}

/** What {@link classifyGuidelines} did, by guideline id. */
export interface ClassificationSummary {
  /** Classified by the model in this run. */
  classified: string[];
  /** Already up to date, or copied from a guideline with the same content: no model call. */
  cached: string[];
  /** Classified by their author; left untouched. */
  skippedAuthor: string[];
  /** Observations (no action) need no classification. */
  observations: string[];
  /** Could not be classified or stored; they keep their previous classification. */
  failed: { guidelineId: string; error: string }[];
}

/**
 * Derives, once per guideline content, the facts matching needs (`customerDependent`,
 * `continuous`, `agentIntention`, with the classifier's reason) and stores them on the
 * guidelines. Guidelines whose classification is missing
 * or stale (content changed) are sent to the `classify-guideline` task, several per call and
 * the calls in parallel; identical content is asked about once. Author classifications are
 * never overwritten. Idempotent: a second run makes no model call. A failed batch does not
 * stop the others; its guidelines are reported in `failed`. Rejects only when aborted.
 */
export async function classifyGuidelines(
  options: ClassifyGuidelinesOptions,
): Promise<ClassificationSummary> {
  const { store, model, signal } = options;
  const guidelines = options.guidelines ?? (await store.guidelines.list());
  const summary: ClassificationSummary = {
    classified: [],
    cached: [],
    skippedAuthor: [],
    observations: [],
    failed: [],
  };
  const known = new Map<string, GuidelineClassification>();
  const pending: Guideline[] = [];
  for (const guideline of guidelines) {
    const current = guideline.classification;
    if (guideline.action === null) {
      summary.observations.push(guideline.id);
    } else if (current?.source === 'author') {
      summary.skippedAuthor.push(guideline.id);
    } else if (current === null || needsClassification(guideline)) {
      pending.push(guideline);
    } else {
      summary.cached.push(guideline.id);
      known.set(current.contentHash, current);
    }
  }

  const byHash = new Map<string, Guideline[]>();
  for (const guideline of pending) {
    const hash = classificationHash(guideline);
    const same = byHash.get(hash);
    if (same === undefined) byHash.set(hash, [guideline]);
    else same.push(guideline);
  }
  const save = async (guideline: Guideline, classification: GuidelineClassification) => {
    try {
      await store.guidelines.update(guideline.id, { classification });
      return true;
    } catch (error) {
      summary.failed.push({ guidelineId: guideline.id, error: errorMessage(error) });
      return false;
    }
  };

  const unknown: { hash: string; sample: Guideline }[] = [];
  for (const [hash, group] of byHash) {
    const copy = known.get(hash);
    if (copy === undefined) {
      unknown.push({ hash, sample: group[0]! });
      continue;
    }
    for (const guideline of group) {
      if (await save(guideline, copy)) summary.cached.push(guideline.id);
    }
  }

  // Runs outside any turn (at setup), so the tokenizer the batching counts with may not be loaded.
  await loadTokenizer();
  const batches = numberedBatches(unknown, {
    text: ({ sample }) => describeForClassification(sample),
    maxItems: 10,
    ...options.batch,
  });
  await mapConcurrent(batches, options.concurrency ?? 4, async (batch) => {
    const hashes = batch.items.map(({ hash }) => hash);
    let answers: Awaited<ReturnType<typeof classifyBatch>>;
    try {
      answers = await classifyBatch({ model, batch, ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      signal?.throwIfAborted();
      for (const hash of hashes) fail(byHash.get(hash) ?? [], errorMessage(error));
      return;
    }
    await Promise.all(
      hashes.map(async (hash, index) => {
        const answer = answers[index] ?? { error: 'the model gave no answer for it' };
        const group = byHash.get(hash) ?? [];
        if ('error' in answer) return fail(group, answer.error);
        const classification = { ...answer, contentHash: hash, source: 'model' as const };
        for (const guideline of group) {
          if (await save(guideline, classification)) summary.classified.push(guideline.id);
        }
      }),
    );
  });
  return summary;

  function fail(group: readonly Guideline[], error: string) {
    for (const guideline of group) summary.failed.push({ guidelineId: guideline.id, error });
  }
}
