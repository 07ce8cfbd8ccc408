import { describe, expect, it } from 'vitest';
import { selectRelevant } from '../../src/grounding/relevance.js';

const terms = [
  { name: 'Voltmart Plus', synonyms: ['VPlus'] },
  { name: 'RMA', synonyms: [] },
  { name: 'IT', synonyms: [] },
  { name: 'Gift card', synonyms: [] },
];
const byName = (messages: string[], options: { limit?: number; similarities?: number[] } = {}) =>
  selectRelevant(terms, messages, {
    phrases: (term) => [term.name, ...term.synonyms],
    minCoverage: 1,
    limit: options.limit ?? 10,
    minSimilarity: 0.5,
    ...(options.similarities ? { similarities: options.similarities } : {}),
  }).map((term) => term.name);

describe('selectRelevant', () => {
  it('needs every word of a name, lightly stemmed and case-insensitive', () => {
    expect(byName(['my voltmart is broken'])).toEqual([]);
    expect(byName(['two Voltmart Pluses please'])).toEqual(['Voltmart Plus']);
    expect(byName(['is vplus worth it?'])).toEqual(['Voltmart Plus']);
  });

  it('matches names made only of stop words', () => {
    expect(byName(['Our IT team says hi'])).toEqual(['IT']);
  });

  it('ranks the latest message first and respects the limit', () => {
    const messages = ['I need an RMA', 'and can I pay with a gift card?'];
    expect(byName(messages)).toEqual(['Gift card', 'RMA']);
    expect(byName(messages, { limit: 1 })).toEqual(['Gift card']);
  });

  it('adds items close enough by embeddings after the word matches', () => {
    expect(byName(['I need an RMA'], { similarities: [0.9, 0.1, 0.2, 0.6] })).toEqual([
      'RMA',
      'Voltmart Plus',
      'Gift card',
    ]);
  });

  it('uses a coverage threshold for example sentences', () => {
    const capabilities = [{ signals: ['cancel my order right now'] }];
    const pick = (message: string, minCoverage: number) =>
      selectRelevant(capabilities, [message], {
        phrases: (c) => c.signals,
        minCoverage,
        limit: 5,
        minSimilarity: 1,
      }).length;
    // Content words: cancel, order, right → 2 of 3 present.
    expect(pick('please cancel the order', 0.6)).toBe(1);
    expect(pick('please cancel the order', 0.9)).toBe(0);
  });
});
