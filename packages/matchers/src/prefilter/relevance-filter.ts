import type {
  CandidateFilter,
  CandidateSelection,
  Embedder,
  EmbeddingStore,
  Guideline,
  TurnContext,
} from '@conduct/core';
import { errorMessage } from '@conduct/core';
import { EmbeddingCache } from './embedding-cache.js';
import { keepRelated } from './related-guidelines.js';
import { type RelevanceQueryOptions, relevanceQuery } from './relevance-query.js';
import { embeddingScores, lexicalScores, type RelevanceScores } from './relevance-scores.js';

/** Options of {@link createRelevanceFilter}. */
export interface RelevanceFilterOptions {
  /** The filter only acts when there are more candidates than this. Default 40. */
  activeAbove?: number;
  /**
   * How many of the best-ranked candidates to keep, or a function of the candidate count.
   * Default: 30% of the candidates, at least 20 and at most 60 — generous, since a guideline
   * left out cannot match this turn, yet bounded, so a turn's cost stops growing with the size
   * of the behavior model.
   */
  topK?: number | ((candidateCount: number) => number);
  /** Keep every guideline matched in this many of the latest turns. Default 3. */
  recentTurns?: number;
  /** Guidelines kept whatever their rank. Default {@link defaultAlwaysKeep}. */
  alwaysKeep?: (guideline: Guideline, context: TurnContext) => boolean;
  /** Rank by embeddings with this embedder; without one, rank lexically (BM25). */
  embedder?: Embedder;
  /** Which recent messages make the query, and how they are weighted. */
  query?: RelevanceQueryOptions;
  /** Most guideline embeddings held in memory. Default 5000. */
  maxCachedEmbeddings?: number;
  /**
   * Also keep guideline embeddings here — usually `store.embeddings` — beside the guidelines,
   * by model and content hash, so a restarted process does not embed every guideline again.
   */
  embeddingStore?: EmbeddingStore;
}

/**
 * Kept whatever their rank by default: guidelines with `metadata.alwaysConsider === true`, and
 * guidelines classified `continuous` — tone and conduct rules ("stay calm with an upset
 * customer") hold across topics, so the words of the latest message say little about them.
 */
export function defaultAlwaysKeep(guideline: Guideline): boolean {
  return (
    guideline.metadata.alwaysConsider === true || guideline.classification?.continuous === true
  );
}

/**
 * The relevance pre-filter (docs/architecture.md#the-turn, step 3): above `activeAbove` candidates,
 * ranks them by relevance to the recent conversation — embeddings when an `embedder` is given
 * (guideline vectors cached by content and model), BM25 otherwise or when the embedder fails — and
 * keeps the top K, plus every guideline matched in the last turns, plus `alwaysKeep` ones, plus
 * what relationships make necessary (see `keepRelated`). Everything else is skipped with its rank
 * and score. With no signal to rank by (e.g. "hi"), it keeps everything.
 */
export function createRelevanceFilter(options: RelevanceFilterOptions = {}): CandidateFilter {
  const cache = new EmbeddingCache(options.maxCachedEmbeddings, options.embeddingStore);
  const alwaysKeep = options.alwaysKeep ?? defaultAlwaysKeep;
  return {
    async select(candidates, context): Promise<CandidateSelection> {
      const all = { kept: [...candidates], skipped: [] };
      if (candidates.length <= (options.activeAbove ?? 40)) return all;
      const query = relevanceQuery(context, options.query);
      const { scores, method, note } = await rank(candidates, context, query);
      if (!scores.some((score) => score > 0)) return all;

      const order = candidates.map((_, index) => index);
      // Stable: equal scores keep candidate order, so the selection is deterministic.
      order.sort((a, b) => scores[b]! - scores[a]! || a - b);
      const k = Math.max(0, Math.min(candidates.length, Math.ceil(topKOf(candidates.length))));
      const keep = new Set(order.slice(0, k).map((index) => candidates[index]!.id));
      const recent = context.session.state.recentlyMatched.slice(0, options.recentTurns ?? 3);
      for (const id of recent.flat()) keep.add(id);
      for (const guideline of candidates) {
        if (alwaysKeep(guideline, context)) keep.add(guideline.id);
      }
      keepRelated(keep, candidates, context.relationships);

      const rankOf = new Map(order.map((index, position) => [index, position + 1]));
      const selection: CandidateSelection = { kept: [], skipped: [] };
      candidates.forEach((guideline, index) => {
        if (keep.has(guideline.id)) {
          selection.kept.push(guideline);
          return;
        }
        const score = Number(scores[index]!.toFixed(3));
        selection.skipped.push({
          guidelineId: guideline.id,
          reason: `low relevance (rank ${rankOf.get(index)} of ${candidates.length}, ${method} ${score}, top ${k} kept${note})`,
        });
      });
      return selection;
    },
  };

  function topKOf(count: number): number {
    const { topK } = options;
    if (typeof topK === 'function') return topK(count);
    return topK ?? Math.min(60, Math.max(20, Math.ceil(count * 0.3)));
  }

  async function rank(
    candidates: readonly Guideline[],
    context: TurnContext,
    query: ReturnType<typeof relevanceQuery>,
  ): Promise<RelevanceScores & { note: string }> {
    if (options.embedder === undefined) return { ...lexicalScores(candidates, query), note: '' };
    try {
      const request = { signal: context.signal, traceId: context.traceId };
      const scores = await embeddingScores(candidates, query, options.embedder, cache, request);
      return { ...scores, note: '' };
    } catch (error) {
      context.signal.throwIfAborted();
      const message = errorMessage(error);
      return {
        ...lexicalScores(candidates, query),
        note: `; embedder failed, ranked lexically: ${message}`,
      };
    }
  }
}
