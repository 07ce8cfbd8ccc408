import { describe, expect, it } from 'vitest';
import { failIfHighCriticalityUnevaluated } from '../../src/engine/candidate-filter.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { sequence, setup } from './harness.js';

const failing: MatchingStrategy = {
  name: 'broken',
  handles: () => true,
  evaluate: async () => {
    throw new Error('batch output invalid after repair');
  },
};

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

describe('unevaluated guidelines', () => {
  it('count as not matched by default, with the error recorded', async () => {
    const t = await setup({ strategies: [failing] });
    const g = await t.agent.guidelines.create({
      condition: 'anything',
      action: 'x',
      criticality: 'high',
    });
    t.model.on('compose', 'still answering');
    const customer = await t.say('hello');
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.verdicts).toEqual([
      {
        entity: { type: 'guideline', id: g.id },
        strategy: 'broken',
        matched: null,
        rationale: null,
        error: 'batch output invalid after repair',
      },
    ]);
    expect(sequence(await t.events()).slice(-2)).toEqual(['message:ai_agent', 'status:ready']);
  });

  it('fail the turn when the policy says so', async () => {
    const t = await setup({
      strategies: [failing],
      unevaluatedPolicy: failIfHighCriticalityUnevaluated,
    });
    await t.agent.guidelines.create({ condition: 'anything', action: 'x', criticality: 'high' });
    await t.say('hello');
    const statuses = (await t.events({ kinds: ['status'] })).map(
      (e) => e.kind === 'status' && e.data.status,
    );
    expect(statuses.slice(-2)).toEqual(['error', 'ready']);
    expect(t.model.callsFor('compose')).toEqual([]);
  });

  it('let the turn continue under the policy when only low/medium ones failed', async () => {
    const t = await setup({
      strategies: [failing],
      unevaluatedPolicy: failIfHighCriticalityUnevaluated,
    });
    await t.agent.guidelines.create({ condition: 'anything', action: 'x', criticality: 'medium' });
    t.model.on('compose', 'fine');
    await t.say('hello');
    expect((await t.events({ kinds: ['message'], source: 'ai_agent' })).length).toBe(1);
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
