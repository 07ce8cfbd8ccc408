import type { Embedder, Guideline } from '@conduct/core';
import { Bm25Index } from './bm25.js';
import { cosine, type EmbeddingCache } from './embedding-cache.js';
import { queryTerms, type RelevanceQuery } from './relevance-query.js';
import { tokenize } from './tokenize.js';

/** Relevance of each candidate, in candidate order, and how it was measured. */
export interface RelevanceScores {
  scores: number[];
  /** Name shown in skip reasons, e.g. `bm25`. */
  method: 'bm25' | 'cosine';
}

/** The text a guideline is ranked by: what it is about, without tags or ids. */
export function rankingText(guideline: Guideline): string {
  return [guideline.title, guideline.condition, guideline.action, guideline.description]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join('\n');
}

const TERMS_CACHE_LIMIT = 20_000;
const termsCache = new Map<string, string[]>();

// Guidelines are reloaded every turn but rarely change: tokenize each text once.
function documentTerms(guideline: Guideline): string[] {
  const text = rankingText(guideline);
  let terms = termsCache.get(text);
  if (terms === undefined) {
    terms = tokenize(text);
    if (termsCache.size >= TERMS_CACHE_LIMIT)
      termsCache.delete(termsCache.keys().next().value as string);
    termsCache.set(text, terms);
  }
  return terms;
}

// The same candidate set (same texts, same order) recurs turn after turn: reuse its index.
// Term arrays are cached per text, so their identities make a cheap key.
const documentSerials = new WeakMap<readonly string[], number>();
let nextSerial = 0;
const INDEX_CACHE_LIMIT = 32;
const indexCache = new Map<string, Bm25Index>();

function indexFor(documents: readonly (readonly string[])[]): Bm25Index {
  const key = documents
    .map((terms) => {
      let serial = documentSerials.get(terms);
      if (serial === undefined) {
        serial = nextSerial++;
        documentSerials.set(terms, serial);
      }
      return serial;
    })
    .join(',');
  let index = indexCache.get(key);
  if (index === undefined) {
    index = new Bm25Index(documents);
    if (indexCache.size >= INDEX_CACHE_LIMIT)
      indexCache.delete(indexCache.keys().next().value as string);
    indexCache.set(key, index);
  }
  return index;
}

/** BM25 of each candidate's ranking text against the weighted query terms. */
export function lexicalScores(
  candidates: readonly Guideline[],
  query: RelevanceQuery,
): RelevanceScores {
  const index = indexFor(candidates.map((guideline) => documentTerms(guideline)));
  return { scores: index.score(queryTerms(query)), method: 'bm25' };
}

/**
 * Cosine similarity of each candidate's embedding with two query embeddings, the latest
 * customer message and the recent window, mixed `1 : contextWeight`. One embedding call per
 * turn at most: uncached guidelines and the queries share it.
 */
export async function embeddingScores(
  candidates: readonly Guideline[],
  query: RelevanceQuery,
  embedder: Embedder,
  cache: EmbeddingCache,
  request: { signal?: AbortSignal; traceId?: string },
): Promise<RelevanceScores> {
  const windowText = query.window.join('\n');
  const queries = [query.latest, windowText].filter((text) => text.trim() !== '');
  const { documents, queries: vectors } = await cache.embed(
    embedder,
    candidates.map(rankingText),
    queries,
    request,
    { type: 'guideline', ids: candidates.map((guideline) => guideline.id) },
  );
  const latest = query.latest.trim() === '' ? undefined : vectors[0];
  const window = windowText.trim() === '' ? undefined : vectors.at(-1);
  const weight = query.contextWeight;
  const scores = documents.map((document) => {
    const a = latest === undefined ? 0 : cosine(document, latest);
    const b = window === undefined ? 0 : cosine(document, window);
    if (latest === undefined) return b;
    return (a + weight * b) / (1 + weight);
  });
  return { scores, method: 'cosine' };
}
