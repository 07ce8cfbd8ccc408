import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { ConfigurationError } from '../../src/errors/errors.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { scriptedTaskStrategy } from '../../src/testing/test-strategies.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { sequence, setup } from './harness.js';

// What a provider adapter throws once its retries are spent on a rate limit.
const rateLimited = () =>
  scripted.fail('429 Too Many Requests: rate limit reached (3 retries)', {
    retryable: true,
    status: 429,
  });

/** A turn whose only matching call (task `actionable`) fails, with guidelines of `criticality`. */
async function failingMatchTurn(
  criticalities: ('low' | 'medium' | 'high')[],
  options: Parameters<typeof setup>[0] = {},
) {
  const model = createScriptedModel().on('actionable', rateLimited());
  const t = await setup({ ...options, model, strategies: [scriptedTaskStrategy('actionable')] });
  const guidelines = [];
  for (const [index, criticality] of criticalities.entries()) {
    guidelines.push(
      await t.agent.guidelines.create({
        condition: `the customer asks about topic ${index}`,
        action: `answer about topic ${index}`,
        criticality,
      }),
    );
  }
  return { t, model, guidelines };
}

async function recordOf(t: Awaited<ReturnType<typeof setup>>, traceId: string) {
  const [record] = await t.conduct.store.turns.list(t.session.id, { traceId });
  return record;
}

describe('unevaluated guidelines', () => {
  it('fail the turn visibly by default when a high-criticality one is among them', async () => {
    const { t, model, guidelines } = await failingMatchTurn(['low', 'high']);
    const customer = await t.say('hello');

    expect(sequence(await t.events()).slice(-2)).toEqual(['status:error', 'status:ready']);
    expect(await t.events({ kinds: ['message'], source: 'ai_agent' })).toEqual([]);
    expect(model.callsFor('compose')).toEqual([]);
    const [error] = await t
      .events({ kinds: ['status'] })
      .then((events) => events.filter((e) => e.kind === 'status' && e.data.status === 'error'));
    const exception = error?.kind === 'status' ? JSON.stringify(error.data.data) : '';
    expect(exception).toContain('UnevaluatedGuidelinesError');
    expect(exception).toContain(guidelines[1]!.id);

    const record = await recordOf(t, customer.traceId);
    expect(record?.status).toBe('error');
    const unevaluated = record?.errors.filter((e) => e.code === 'guideline_unevaluated');
    expect(unevaluated?.map((e) => e.entity?.id).sort()).toEqual(
      guidelines.map((g) => g.id).sort(),
    );
    expect(record?.errors).toContainEqual(
      expect.objectContaining({ stage: 'turn', code: 'unevaluated_guidelines' }),
    );
  });

  it('send the configured fallback reply instead, when so configured', async () => {
    const fallbackMessage = 'Sorry, I cannot answer that right now. A colleague will follow up.';
    const { t, model, guidelines } = await failingMatchTurn(['high'], {
      unevaluated: { onHighCriticality: 'fallback', fallbackMessage },
    });
    const customer = await t.say('hello');

    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((e) => e.kind === 'message' && e.data.message)).toEqual([fallbackMessage]);
    expect(sequence(await t.events()).slice(-3)).toEqual([
      'status:typing',
      'message:ai_agent',
      'status:ready',
    ]);
    expect(model.callsFor('compose')).toEqual([]);
    const record = await recordOf(t, customer.traceId);
    expect(record?.status).toBe('completed');
    expect(record?.eventIds).toContain(replies[0]?.id);
    expect(record?.errors).toEqual([
      expect.objectContaining({
        stage: 'match',
        code: 'guideline_unevaluated',
        entity: { type: 'guideline', id: guidelines[0]!.id },
      }),
    ]);
    expect(record?.notes.join('\n')).toContain('fallback reply');
  });

  it('let the turn reply when only low/medium ones failed, listing each in the errors', async () => {
    const { t, guidelines } = await failingMatchTurn(['low', 'medium']);
    t.model.on('compose', 'Happy to help.');
    const customer = await t.say('hello');

    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((e) => e.kind === 'message' && e.data.message)).toEqual(['Happy to help.']);
    const record = await recordOf(t, customer.traceId);
    expect(record?.status).toBe('completed');
    expect(record?.matched.guidelines).toEqual([]);
    expect(record?.errors).toHaveLength(2);
    for (const guideline of guidelines) {
      expect(record?.errors.find((e) => e.entity?.id === guideline.id)).toEqual({
        stage: 'match',
        code: 'guideline_unevaluated',
        entity: { type: 'guideline', id: guideline.id },
        message: expect.stringMatching(
          new RegExp(
            `${guideline.id} \\(${guideline.guideline.criticality} criticality\\).*'actionable'.*429 Too Many Requests`,
          ),
        ),
      });
    }
  });

  it('let the turn reply with a high-criticality one too under `continue`', async () => {
    const { t, guidelines } = await failingMatchTurn(['high'], {
      unevaluated: { onHighCriticality: 'continue' },
    });
    t.model.on('compose', 'Happy to help.');
    const customer = await t.say('hello');
    expect(sequence(await t.events()).slice(-2)).toEqual(['message:ai_agent', 'status:ready']);
    const record = await recordOf(t, customer.traceId);
    expect(record?.errors.map((e) => e.entity?.id)).toEqual([guidelines[0]!.id]);
  });

  it('are checked at start: fallback needs a message, the action must be known', async () => {
    await expect(setup({ unevaluated: { onHighCriticality: 'fallback' } })).rejects.toThrow(
      ConfigurationError,
    );
    await expect(
      setup({ unevaluated: { onHighCriticality: 'retry' as unknown as 'fail' } }),
    ).rejects.toThrow(/fail, fallback or continue/);
  });

  it('refuse the removed unevaluatedPolicy option instead of silently ignoring it', async () => {
    // What a JavaScript caller of the previous release passes; TypeScript would refuse it.
    const legacy = { unevaluatedPolicy: () => 'fail' } as Parameters<typeof setup>[0];
    await expect(setup(legacy)).rejects.toThrow(ConfigurationError);
    await expect(setup(legacy)).rejects.toThrow(/unevaluatedPolicy was removed: use unevaluated/);
  });

  it('do not drop the reply under `fail` when the re-match after a tool leaves one unevaluated', async () => {
    const refund = vi.fn(async () => ({ data: { refunded: true } }));
    const tool = defineTool({
      name: 'issue_refund',
      description: 'Refund the order (irreversible)',
      parameters: z.object({}),
      run: refund,
    });
    // Matches the refund guideline; the high-criticality follow-up is matched first, and its
    // re-check after the tool cannot be evaluated (its batch failed).
    const strategy: MatchingStrategy = {
      name: 'scripted',
      handles: () => true,
      evaluate: async (guidelines, context) => {
        const followUp = guidelines.filter((g) => g.condition.includes('refunded'));
        if (context.iteration > 0) {
          return {
            verdicts: [],
            unevaluated: followUp.map((g) => ({ guidelineId: g.id, error: 'timed out' })),
          };
        }
        return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: true })) };
      },
    };
    const t = await setup({ strategies: [strategy] });
    await t.agent.guidelines.create({ condition: 'the customer asks for a refund', tools: [tool] });
    const followUp = await t.agent.guidelines.create({
      condition: 'the order was refunded',
      action: 'give the refund reference',
      criticality: 'high',
    });
    await followUp.reevaluateAfter(tool);
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: {} }] });
    t.model.on('compose', 'Your refund has been issued.');
    const customer = await t.say('refund my order please');

    expect(refund).toHaveBeenCalledTimes(1);
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((e) => e.kind === 'message' && e.data.message)).toEqual([
      'Your refund has been issued.',
    ]);
    const record = await recordOf(t, customer.traceId);
    expect(record?.status).toBe('completed');
    expect(record?.errors).toEqual([
      expect.objectContaining({
        stage: 'match-1',
        code: 'guideline_unevaluated',
        entity: { type: 'guideline', id: followUp.id },
      }),
    ]);
    expect(record?.notes.join('\n')).toMatch(
      new RegExp(`${followUp.id} could not be re-evaluated after a tool ran`),
    );
    // It keeps its verdict from before the tool.
    expect(record?.matched.guidelines).toContain(followUp.id);
  });
});
