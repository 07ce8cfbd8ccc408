import { createConduct, defineTool } from '@conduct/core';
import { answerPerItem, createScriptedModel, whenPrompt } from '@conduct/core/testing';
import { defaultMatchers } from '@conduct/matchers';
import {
  assertPassed,
  createInProcessTarget,
  parseScenarios,
  runScenarios,
} from '@conduct/scenarios';
import { it } from 'vitest';
import { z } from 'zod';

const orderStatus = defineTool({
  name: 'order_status',
  description: 'Look up the status of an order',
  parameters: z.object({ orderId: z.string().describe('four-digit order number') }),
  run: async (_context, { orderId }) => ({ data: { orderId, status: 'shipped' } }),
});

// Each task answers from evidence in its prompt, as a careful model would.
const model = createScriptedModel()
  .on(
    'actionable',
    answerPerItem({
      applies: (item, prompt) =>
        item.text.includes('where their order is') &&
        prompt.shows(/where is my order/i, 'conversation'),
    }),
  )
  .on(
    'tool-call',
    whenPrompt({
      shows: '4411',
      in: 'conversation',
      answer: { reason: 'asks about order 4411', calls: [{ arguments: { orderId: '4411' } }] },
      otherwise: { reason: 'no order number yet', calls: [] },
    }),
  )
  .on(
    'compose',
    whenPrompt({
      shows: '"status":"shipped"',
      in: 'conversation',
      answer: 'Your order 4411 has shipped.',
      otherwise: 'Which order do you mean?',
    }),
  )
  .on(
    'response-analysis',
    answerPerItem({ applies: (_item, prompt) => prompt.shows('shipped', 'reply') }),
  );

const scenarios = parseScenarios(`
name: Order status
agent: ava
turns:
  - customer: Where is my order 4411?
    expect:
      guidelines: { matched: [Order status] }
      tools: { called: [{ tool: order_status, arguments: { orderId: "4411" } }] }
      reply: { contains: [shipped] }
`);

it('tells the customer where their order is', async () => {
  const conduct = createConduct({ model, ...defaultMatchers({ guidelineClassifier: false }) });
  const agent = await conduct.agents.create({ id: 'ava', name: 'Ava' });
  await agent.guidelines.create({
    title: 'Order status',
    condition: 'the customer asks where their order is',
    action: 'look up the order and tell them its status',
    tools: [orderStatus],
  });
  const suite = await runScenarios({ scenarios, target: createInProcessTarget({ conduct }) });
  await conduct.close();
  assertPassed(suite); // throws the readable report: what failed, and what the agent decided
});
