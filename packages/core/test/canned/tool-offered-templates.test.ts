import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/tools/define-tool.js';
import { agentTexts, cannedSetup } from './canned-harness.js';
import { choose } from './fixtures.js';

/** A tool whose result offers its own approved templates (Parlant's `canned_responses`). */
const refundTool = defineTool({
  name: 'refund_status',
  description: 'Look up a refund',
  parameters: z.object({}),
  run: async () => ({
    data: { status: 'approved' },
    cannedResponseFields: { amount: '42 EUR' },
    cannedResponses: [
      'Your refund of {{amount}} was approved, {{std.customer.name}}.',
      'Refund {{missing_field}} is pending.',
    ],
  }),
});

async function refundScenario(mode: 'strict_canned' | 'canned_fluid') {
  const t = await cannedSetup({ compositionMode: mode });
  await t.agent.guidelines.create({
    condition: 'the customer asks about their refund',
    action: 'look up the refund',
    tools: [refundTool],
  });
  await t.agent.cannedResponses.create({ value: 'We are open 9 to 5.' });
  t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: {} }] });
  return t;
}

describe('templates offered by tool results', () => {
  it('are candidates of this reply, filled like stored ones, and on the tool event wire', async () => {
    const t = await refundScenario('strict_canned');
    t.model.on('canned-strict', choose('was approved'));
    await t.say('what about my refund?');

    const [reply] = await t.replies();
    expect(reply?.data.message).toBe('Your refund of 42 EUR was approved, Dana.');
    const chosenId = reply?.data.canned_responses?.[0]?.[0];
    expect(reply?.data.canned_responses).toEqual([
      [chosenId, 'Your refund of 42 EUR was approved, Dana.'],
    ]);
    const record = await t.lastRecord();
    expect(record.composition).toMatchObject({ outcome: 'template', chosen: chosenId });
    // Offered first; the unfillable one is excluded with its reason like any template.
    expect(t.promptOf('canned-strict')).toMatch(/\[1\] Your refund of 42 EUR was approved/);
    expect(record.composition?.excluded).toEqual([
      { id: expect.any(String), reason: expect.stringContaining('missing_field') },
    ]);
    const [tool] = await t.events({ kinds: ['tool'] });
    expect(tool?.kind === 'tool' && tool.data.tool_calls[0]?.result.canned_responses).toEqual([
      'Your refund of {{amount}} was approved, {{std.customer.name}}.',
      'Refund {{missing_field}} is pending.',
    ]);
  });

  it('only serve the reply they were fetched for', async () => {
    const t = await refundScenario('strict_canned');
    t.model.on('canned-strict', choose('was approved'));
    await t.say('what about my refund?');
    t.model.on('canned-strict', choose('open 9'));
    await t.say('and when do you open?');
    expect(t.promptOf('canned-strict', 1)).not.toMatch(/^\[\d+\] Your refund/m);
    expect(t.promptOf('canned-strict', 1)).toMatch(/^\[1\] We are open 9 to 5\./m);
    expect(agentTexts(await t.events()).at(-1)).toBe('We are open 9 to 5.');
  });

  it('are ignored in fluid mode and rejected when malformed', async () => {
    const t = await cannedSetup();
    await t.agent.guidelines.create({
      condition: 'the customer asks about their refund',
      action: 'look up the refund',
      tools: [
        defineTool({
          name: 'bad_refund',
          description: 'Look up a refund',
          parameters: z.object({}),
          run: async () => ({ data: 'ok', cannedResponses: [''] }),
        }),
      ],
    });
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: {} }] });
    t.model.on('compose', 'Your refund is on its way.');
    await t.say('what about my refund?');
    const [tool] = await t.events({ kinds: ['tool'] });
    const result = tool?.kind === 'tool' ? tool.data.tool_calls[0]?.result : undefined;
    expect(result?.data).toEqual({ error: expect.stringContaining('cannedResponses') });
  });
});
