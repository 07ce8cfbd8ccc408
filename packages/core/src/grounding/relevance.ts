import { tokenize } from './tokenize.js';

/** How {@link selectRelevant} judges one kind of item. */
export interface RelevanceOptions<T> {
  /** Phrases that make the item relevant when they occur (a term's name and synonyms…). */
  phrases(item: T): readonly string[];
  /**
   * Share of a phrase's words (after stop words and light stemming) one message must contain
   * for the phrase to occur in it: 1 for names, less for example sentences.
   */
  minCoverage: number;
  /** Most items returned. */
  limit: number;
  /** Similarity of each item to the conversation (embeddings), in item order, when known. */
  similarities?: readonly number[];
  /** Items below this similarity are not relevant by embeddings alone. */
  minSimilarity: number;
}

interface Scored<T> {
  item: T;
  index: number;
  coverage: number;
  /** 0 for the latest message, 1 for the one before… */
  age: number;
  similarity: number;
}

/**
 * The items relevant to the recent messages (oldest first): first those with a phrase that
 * occurs in a message — best coverage, then most recent message, first — then those whose
 * embedding is close enough to the conversation, most similar first; at most `limit`.
 */
export function selectRelevant<T>(
  items: readonly T[],
  messages: readonly string[],
  options: RelevanceOptions<T>,
): T[] {
  const windows = messages.map(messageWordsOf).reverse();
  const scored: Scored<T>[] = items.map((item, index) => {
    let coverage = 0;
    let age = Number.POSITIVE_INFINITY;
    for (const phrase of options.phrases(item)) {
      const words = wordsOf(phrase);
      if (words.size === 0) continue;
      windows.forEach((window, windowAge) => {
        const share = [...words].filter((word) => window.has(word)).length / words.size;
        if (share < options.minCoverage) return;
        if (share > coverage || (share === coverage && windowAge < age)) {
          coverage = share;
          age = windowAge;
        }
      });
    }
    return { item, index, coverage, age, similarity: options.similarities?.[index] ?? 0 };
  });
  const lexical = scored
    .filter((entry) => entry.coverage > 0)
    .sort((a, b) => b.coverage - a.coverage || a.age - b.age || a.index - b.index);
  const semantic = scored
    .filter((entry) => entry.coverage === 0 && entry.similarity >= options.minSimilarity)
    .sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  return [...lexical, ...semantic].slice(0, Math.max(0, options.limit)).map((entry) => entry.item);
}

// A message's index terms plus its raw words as written (see `wordsOf`).
function messageWordsOf(text: string): Set<string> {
  return new Set([...tokenize(text), ...rawWords(text)]);
}

// A phrase made only of stop words ("IT", "Who") has no index terms: it is matched as written,
// case included, so the acronym "IT" does not occur in every "it".
function wordsOf(text: string): Set<string> {
  const words = tokenize(text);
  return new Set(words.length > 0 ? words : rawWords(text));
}

// Raw words keep their case; index terms are lowercase, so the two never collide by accident
// except for all-lowercase words, which `tokenize` already covers.
function rawWords(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}
