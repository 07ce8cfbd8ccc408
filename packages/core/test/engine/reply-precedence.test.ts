import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Event } from '../../src/domain/event.js';
import { viewPrompt } from '../../src/testing/model-evidence.js';
import type { ScriptedRequest } from '../../src/testing/model-script.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { choose } from '../canned/fixtures.js';
import { setup } from './harness.js';

// Evidence-based scripts: a guideline says to refund, the refund tool failed. A literal model
// follows every listed guideline and reports the refund done; it keeps to the failure only when
// its prompt shows the failure and says that a failed tool result wins over a guideline.

const refundTool = defineTool({
  name: 'refund_order',
  description: 'Refund an order to the original payment method',
  parameters: z.object({ orderId: z.string().describe('order number') }),
  run: async () => {
    throw new Error('the payment provider is unavailable');
  },
});

/** The prompt shows the failure and the rule that it wins. */
function failureWins(request: ScriptedRequest): boolean {
  const prompt = viewPrompt(request);
  return (
    prompt.shows('failed: the payment provider is unavailable', 'conversation') &&
    prompt.shows('wins over any guideline or capability', 'instructions')
  );
}

async function refundSetup(compositionMode?: 'strict_canned') {
  const t = await setup();
  if (compositionMode !== undefined) {
    await t.conduct.store.agents.update(t.agent.id, { compositionMode });
  }
  await t.agent.guidelines.create({
    condition: 'the customer asks for a refund of an order',
    action: 'refund the order and confirm the refund',
    tools: [refundTool],
  });
  t.model.on('tool-call', {
    reason: 'the customer asks for a refund of order 4411',
    calls: [{ arguments: { orderId: '4411' } }],
  });
  return t;
}

function lastAgentText(events: readonly Event[]): string | undefined {
  return events
    .flatMap((event) =>
      event.kind === 'message' && event.source === 'ai_agent' ? [event.data.message] : [],
    )
    .at(-1);
}

describe('a tool result that makes an action impossible wins over the guideline asking for it', () => {
  it('in the composer', async () => {
    const t = await refundSetup();
    t.model.on('compose', (request) =>
      failureWins(request)
        ? 'Sorry, I could not refund order 4411 right now: please try again later.'
        : 'Done: order 4411 is refunded.',
    );
    await t.say('please refund my order 4411');
    // Both sides of the conflict reach the composer.
    const prompt = viewPrompt(t.model.callsFor('compose')[0]!);
    expect(prompt.section('guidelines')).toContain('refund the order and confirm the refund');
    expect(lastAgentText(await t.events())).toBe(
      'Sorry, I could not refund order 4411 right now: please try again later.',
    );
  });

  it('in the strict canned choice', async () => {
    const t = await refundSetup('strict_canned');
    await t.agent.cannedResponses.create({ value: 'Your refund has been issued.' });
    await t.agent.cannedResponses.create({ value: 'Sorry, the refund could not be made now.' });
    t.model.on('canned-strict', (request) =>
      failureWins(request) ? choose('could not')(request) : choose('has been issued')(request),
    );
    await t.say('please refund my order 4411');
    expect(lastAgentText(await t.events())).toBe('Sorry, the refund could not be made now.');
  });
});
