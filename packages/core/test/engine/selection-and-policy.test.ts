import { describe, expect, it } from 'vitest';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { setup } from './harness.js';

describe('candidate selection', () => {
  it('matches only what the candidate filter kept and records what it skipped', async () => {
    const t = await setup({
      strategies: [matchAllStrategy()],
      candidateFilter: {
        select: async (candidates) => ({
          kept: candidates.filter((g) => g.condition.includes('refund')),
          skipped: candidates
            .filter((g) => !g.condition.includes('refund'))
            .map((g) => ({ guidelineId: g.id, reason: 'not relevant to the conversation' })),
        }),
      },
    });
    const refund = await t.agent.guidelines.create({
      condition: 'refund asked',
      action: 'explain',
    });
    const weather = await t.agent.guidelines.create({ condition: 'weather talk', action: 'chat' });
    t.model.on('compose', 'ok');
    const customer = await t.say('refund please');
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.candidates).toEqual([{ type: 'guideline', id: refund.id }]);
    expect(record?.skipped).toEqual([
      { entity: { type: 'guideline', id: weather.id }, reason: 'not relevant to the conversation' },
    ]);
    expect(record?.matched.guidelines).toEqual([refund.id]);
  });
});

describe('an unclear intent', () => {
  it('holds back the disambiguation targets and asks the question instead', async () => {
    let targets: string[] = [];
    let sourceId = '';
    const strategy: MatchingStrategy = {
      name: 'scripted',
      handles: () => true,
      evaluate: async (guidelines) => ({
        verdicts: guidelines.map((g) => ({
          guidelineId: g.id,
          matched: true,
          ...(g.id === sourceId
            ? {
                clarification: {
                  targets: targets.map((id) => ({ type: 'guideline' as const, id })),
                  question: 'Would you like to return the laptop or have it repaired?',
                },
              }
            : {}),
        })),
      }),
    };
    const t = await setup({ strategies: [strategy] });
    const returnIt = await t.agent.guidelines.create({
      condition: 'wants to return an item',
      action: 'offer a return label',
    });
    const repair = await t.agent.guidelines.create({
      condition: 'wants a repair',
      action: 'book a repair',
    });
    const other = await t.agent.guidelines.create({ condition: 'is polite', action: 'thank them' });
    const unclear = await t.agent.guidelines.create({
      condition: 'mentions a broken laptop without saying what they want',
    });
    await unclear.disambiguates([returnIt, repair]);
    targets = [returnIt.id, repair.id];
    sourceId = unclear.id;
    t.model.on('compose', 'Would you like a return or a repair?');
    const customer = await t.say('my laptop is broken, thanks');

    const prompt =
      t.model
        .callsFor('compose')[0]
        ?.messages.map((m) => m.content)
        .join('\n') ?? '';
    expect(prompt).toContain('<clarify>');
    expect(prompt).toContain('Ask: Would you like to return the laptop or have it repaired?');
    expect(prompt).not.toContain('offer a return label');
    expect(prompt).not.toContain('book a repair');
    expect(prompt).toContain('thank them');
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.matched.guidelines.sort()).toEqual([other.id, unclear.id].sort());
    expect(record?.resolution).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entity: { type: 'guideline', id: repair.id },
          change: 'dropped',
          rule: 'disambiguates',
        }),
      ]),
    );
    expect(
      record?.verdicts.find((v) => v.entity.id === unclear.id)?.clarification?.targets,
    ).toHaveLength(2);
  });
});
