import { describe, expect, it } from 'vitest';
import { batchByTokenBudget, numberedBatches } from './batching.js';
import { approximateTokenizer } from './tokenizer.js';

describe('numberedBatches', () => {
  // approximateTokenizer: one token per four characters.
  const items = [
    { id: 'a', text: 'aaaa aaaa' }, // 3 tokens
    { id: 'b', text: 'bbbb' }, // 1
    { id: 'c', text: 'cccc cccc cccc' }, // 4
  ];
  const options = { text: (item: { text: string }) => item.text, tokenizer: approximateTokenizer };

  it('batches by the tokens of each item text and numbers the items from 1 in every batch', () => {
    const batches = numberedBatches(items, { ...options, budgetTokens: 4 });
    expect(batches.map((batch) => batch.items.map((item) => item.id))).toEqual([['a', 'b'], ['c']]);
    expect(batches.map((batch) => batch.list)).toEqual([
      '1. aaaa aaaa\n2. bbbb',
      '1. cccc cccc cccc',
    ]);
  });

  it('batches exactly as batchByTokenBudget does with the same costs', () => {
    const costs = (item: { text: string }) => approximateTokenizer.count(item.text);
    for (const budgetTokens of [1, 3, 4, 5, 8]) {
      for (const maxItems of [1, 2, 24]) {
        expect(
          numberedBatches(items, { ...options, budgetTokens, maxItems }).map((b) => b.items),
        ).toEqual(batchByTokenBudget(items, costs, { budgetTokens, maxItems }));
      }
    }
  });

  it('renders each text once, indents its continuation lines, and makes no batch of nothing', () => {
    let rendered = 0;
    const [batch] = numberedBatches([{ text: 'first\nsecond line' }], {
      text: (item) => {
        rendered += 1;
        return item.text;
      },
      tokenizer: approximateTokenizer,
    });
    expect(rendered).toBe(1);
    expect(batch?.list).toBe('1. first\n   second line');
    expect(numberedBatches([], options)).toEqual([]);
  });
});
