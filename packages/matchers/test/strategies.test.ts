import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { alwaysStrategy } from '../src/strategies/always-strategy.js';
import { functionStrategy } from '../src/strategies/function-strategy.js';
import { keywordStrategy } from '../src/strategies/keyword-strategy.js';
import { guideline, turnContext } from './fixtures.js';

const plain = guideline('plain', { condition: 'anything', action: 'x' });
const tagged = guideline('tagged', { condition: 'tone', action: 'be formal', tags: ['always-on'] });

function context(conversation: string[] = ['Customer: hello']) {
  return turnContext({ model: createScriptedModel(), conversation, guidelines: [plain, tagged] });
}

describe('alwaysStrategy', () => {
  it('takes only what it selects, by tag, id or predicate, and matches it', async () => {
    const ctx = context();
    expect(alwaysStrategy({ tags: ['always-on'] }).handles(plain, ctx)).toBe(false);
    expect(alwaysStrategy({ tags: ['always-on'] }).handles(tagged, ctx)).toBe(true);
    expect(alwaysStrategy({ ids: ['plain'] }).handles(plain, ctx)).toBe(true);
    expect(alwaysStrategy((g) => g.action === 'be formal').handles(tagged, ctx)).toBe(true);
    const result = await alwaysStrategy({ ids: ['plain'] }, { rationale: 'house rule' }).evaluate(
      [plain],
      ctx,
    );
    expect(result.verdicts).toEqual([
      { guidelineId: 'plain', matched: true, rationale: 'house rule' },
    ]);
  });
});

describe('keywordStrategy', () => {
  const cancel = guideline('cancel', { condition: 'wants to cancel', action: 'x' });
  const meta = guideline('meta', {
    condition: 'asks about prices',
    action: 'y',
    metadata: { keywords: ['price', 'how much'] },
  });
  const regex = guideline('regex', {
    condition: 'gives an order number',
    action: 'z',
    metadata: { pattern: 'order\\s*#?\\d{4,}' },
  });
  const broken = guideline('broken', { condition: 'b', action: 'z', metadata: { pattern: '(' } });

  it('handles only guidelines that have keywords or a pattern', () => {
    const strategy = keywordStrategy({ patterns: { cancel: 'cancel' } });
    const ctx = context();
    expect([cancel, meta, regex, broken, plain].map((g) => strategy.handles(g, ctx))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    const idsOnly = keywordStrategy({ patterns: { cancel: 'cancel' }, fromMetadata: false });
    expect(idsOnly.handles(meta, ctx)).toBe(false);
  });

  it('matches whole words case-insensitively in the latest customer message only', async () => {
    const strategy = keywordStrategy({ patterns: { cancel: ['cancel', /opt[- ]?out/gi] } });
    const run = async (conversation: string[], g = [cancel, meta, regex]) =>
      (await strategy.evaluate(g, context(conversation))).verdicts.map((v) => [
        v.guidelineId,
        v.matched,
      ]);
    expect(await run(['Customer: I want to CANCEL. How Much is it? Order #12345'])).toEqual([
      ['cancel', true],
      ['meta', true],
      ['regex', true],
    ]);
    expect(await run(['Customer: cancellation fees? What is the priceless item?'])).toEqual([
      ['cancel', false],
      ['meta', false],
      ['regex', false],
    ]);
    expect(await run(['Customer: cancel please', 'Agent: Sure', 'Customer: thanks'])).toEqual([
      ['cancel', false],
      ['meta', false],
      ['regex', false],
    ]);
    // A global regex must not carry `lastIndex` from one turn to the next.
    expect(await run(['Customer: opt out'], [cancel])).toEqual([['cancel', true]]);
    expect(await run(['Customer: opt out'], [cancel])).toEqual([['cancel', true]]);
  });

  it('says what matched, and reports a malformed pattern as unevaluated', async () => {
    const result = await keywordStrategy().evaluate([meta, broken], context(['Customer: Price?']));
    expect(result.verdicts).toEqual([
      { guidelineId: 'meta', matched: true, rationale: 'the customer wrote "Price"' },
    ]);
    expect(result.unevaluated).toEqual([
      { guidelineId: 'broken', error: expect.stringContaining('invalid metadata.pattern "("') },
    ]);
  });
});

describe('functionStrategy', () => {
  it('decides selected guidelines with sync or async functions, isolating failures', async () => {
    const strategy = functionStrategy(
      'vip',
      { tags: ['always-on'], ids: ['plain', 'boom'] },
      async (g) => {
        if (g.id === 'boom') throw new Error('crm unavailable');
        return g.id === 'plain' ? true : { matched: false, rationale: 'not a VIP' };
      },
    );
    const boom = guideline('boom', { condition: 'c', action: 'x' });
    const ctx = context();
    expect(strategy.name).toBe('vip');
    expect(strategy.handles(guideline('other', { condition: 'c' }), ctx)).toBe(false);
    const result = await strategy.evaluate([plain, tagged, boom], ctx);
    expect(result.verdicts).toEqual([
      { guidelineId: 'plain', matched: true },
      { guidelineId: 'tagged', matched: false, rationale: 'not a VIP' },
    ]);
    expect(result.unevaluated).toEqual([{ guidelineId: 'boom', error: 'crm unavailable' }]);
  });
});

describe('keywordStrategy and moderation', () => {
  it('does not match on the words of a message withheld by moderation', async () => {
    const cancel = guideline('cancel', { condition: 'wants to cancel', action: 'x' });
    const strategy = keywordStrategy({ patterns: { cancel: 'cancel' } });
    const ctx = context(['Customer: cancel my order']);
    expect((await strategy.evaluate([cancel], ctx)).verdicts[0]?.matched).toBe(true);
    const withheld = {
      ...ctx,
      history: ctx.history.map((event) =>
        event.kind === 'message' ? { ...event, data: { ...event.data, flagged: true } } : event,
      ),
    };
    expect((await strategy.evaluate([cancel], withheld)).verdicts[0]?.matched).toBe(false);
  });
});
