import { type GuidelineInput, ModelOutputError } from '@conduct/core';
import { createScriptedModel, type ScriptedRequest, scripted } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { promptItems, sectionLines } from '../prefilter/fixtures/prompt-sections.js';
import { testTurn } from '../prefilter/fixtures/turn-context.js';
import { RESPONSE_ANALYSIS_TASK } from './analysis-task.js';
import { createResponseAnalyzer, type ResponseAnalyzerOptions } from './response-analyzer.js';

const rules: GuidelineInput[] = [
  {
    id: 'order',
    condition: 'the customer asks where an order is',
    action: 'ask for the order number',
  },
  { id: 'sorry', condition: 'an order is late', action: 'apologize for the delay' },
  { id: 'voucher', condition: 'an order is late', action: 'offer a 10% voucher' },
];
const REPLY = "Sorry it's late! What's the order number?";

async function analyze(
  answer: Parameters<ReturnType<typeof createScriptedModel>['on']>[1],
  options: ResponseAnalyzerOptions = {},
  guidelines = rules,
) {
  const model = createScriptedModel().on(RESPONSE_ANALYSIS_TASK, answer);
  const context = await testTurn({
    guidelines,
    model,
    messages: [['customer', 'My order from last week still has not arrived.']],
  });
  const result = await createResponseAnalyzer(options).analyze({
    context,
    reply: REPLY,
    guidelines: context.guidelines,
  });
  return { model, result, context };
}

describe('createResponseAnalyzer', () => {
  it('maps verdicts to ids; an item judged twice gets no verdict and is reported', async () => {
    const answer = {
      checks: [
        { n: 1, why: 'asked for the order number', applied: true },
        { n: 2, why: 'apologized', applied: true },
        { n: 3, why: 'no voucher offered', applied: false },
        { n: 1, why: 'duplicate answer', applied: false },
      ],
    };
    const { result, model, context } = await analyze(answer);
    const byId = new Map(context.guidelines.map((g, index) => [index + 1, g.id]));
    // Item 1 has no usable verdict: the default policy counts it as applied, and says so.
    expect(result.appliedGuidelineIds.sort()).toEqual([byId.get(1), byId.get(2)].sort());
    expect(result.unevaluated).toEqual([
      {
        guidelineId: byId.get(1),
        error: 'the model answered item 1 twice (counted as applied)',
      },
    ]);
    expect(model.calls).toHaveLength(1);
    const strict = await analyze(answer, { onFailure: 'assume-not-applied' });
    expect(strict.result.appliedGuidelineIds).toEqual([byId.get(2)]);
    expect(strict.result.unevaluated?.[0]?.error).toBe(
      'the model answered item 1 twice (counted as not applied)',
    );
  });

  it('bounds item numbers to the batch: an unasked number fails the call and is reported', async () => {
    const { result, model } = await analyze({
      checks: [
        { n: 1, why: 'asked', applied: true },
        { n: 4, why: 'not an item', applied: true },
      ],
    });
    // Validation refuses it, the repair attempt repeats it: the batch has no verdicts.
    expect(model.calls[0]?.error).toBeDefined();
    expect(result.appliedGuidelineIds).toHaveLength(3);
    expect(result.unevaluated).toHaveLength(3);
    expect(result.unevaluated?.[0]?.error).toContain(
      'item 4 was not asked: the items are numbered 1 to 3',
    );
  });

  it('shows the conversation, the reply and the guidelines, and nothing else', async () => {
    const { model } = await analyze({ checks: [] });
    const { messages } = model.calls[0]!;
    expect(sectionLines(messages, 'conversation')).toEqual([
      'Customer (Dana): My order from last week still has not arrived.',
    ]);
    expect(sectionLines(messages, 'reply')).toEqual([`Reply just sent: ${REPLY}`]);
    expect(promptItems(messages).sort()).toEqual([
      'WHEN an order is late THEN apologize for the delay',
      'WHEN an order is late THEN offer a 10% voucher',
      'WHEN the customer asks where an order is THEN ask for the order number',
    ]);
    // Static instructions and examples first, for prompt caching.
    expect(messages[0]).toMatchObject({ role: 'system', cacheBreakpoint: true });
  });

  it('batches by budget and runs the batches in parallel', async () => {
    const many = Array.from({ length: 10 }, (_, index) => ({
      id: `rule-${index}`,
      condition: `topic ${index} comes up`,
      action: `mention fact ${index}`,
    }));
    let inFlight = 0;
    let most = 0;
    const { model, result } = await analyze(
      async (request: ScriptedRequest) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        const items = promptItems(request.messages);
        return { checks: items.map((_, index) => ({ n: index + 1, why: 'done', applied: true })) };
      },
      { batch: { maxItems: 4 } },
      many,
    );
    expect(model.calls.map((call) => promptItems(call.messages).length)).toEqual([4, 4, 2]);
    expect(most).toBe(3);
    expect(result.appliedGuidelineIds).toHaveLength(10);
  });

  it('assumes a failed batch applied its guidelines by default', async () => {
    const { result, model } = await analyze(scripted.fail('provider down'));
    expect(result.appliedGuidelineIds).toHaveLength(3);
    expect(model.calls[0]?.error).toBeDefined();
  });

  it('treats an unanswered guideline like a failed one', async () => {
    const answer = { checks: [{ n: 1, why: 'asked', applied: false }] };
    const assumed = await analyze(answer);
    expect(assumed.result.appliedGuidelineIds).toHaveLength(2);
    const strict = await analyze(answer, { onFailure: 'assume-not-applied' });
    expect(strict.result.appliedGuidelineIds).toEqual([]);
    await expect(analyze(answer, { onFailure: 'throw' })).rejects.toSatisfy((error) =>
      ModelOutputError.is(error),
    );
  });

  it('can count failures as not applied, or rethrow the original error', async () => {
    const none = await analyze(scripted.fail('provider down'), {
      onFailure: 'assume-not-applied',
    });
    expect(none.result.appliedGuidelineIds).toEqual([]);
    await expect(analyze(scripted.fail('provider down'), { onFailure: 'throw' })).rejects.toThrow(
      'provider down',
    );
  });

  it('shows tool calls of the turn in the conversation, since the reply may rest on them', async () => {
    const model = createScriptedModel().on(RESPONSE_ANALYSIS_TASK, { checks: [] });
    const context = await testTurn({ guidelines: rules, model });
    context.toolOutcomes.push({
      tool: 'local:order_status',
      arguments: { order: '7731' },
      status: 'succeeded',
      data: { status: 'shipped' },
    });
    await createResponseAnalyzer().analyze({
      context,
      reply: REPLY,
      guidelines: context.guidelines,
    });
    expect(sectionLines(model.calls[0]!.messages, 'conversation').at(-1)).toBe(
      'Tool order_status({"order":"7731"}) returned: {"status":"shipped"} (fetched this turn)',
    );
  });
});
