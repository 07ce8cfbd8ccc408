import { createConduct, createMemoryStore, defineTool } from '@conduct/core';
import {
  createScriptedModel,
  keywordStrategy,
  type ScriptedAnswerFunction,
  viewPrompt,
} from '@conduct/core/testing';
import { type ConductAppOptions, createConductApp } from '@conduct/http';
import { z } from 'zod';
import { createHttpTarget, type HttpTargetOptions } from './http-target.js';

// A test fixture (not exported by the package): a small shop agent behind the real REST app.

/** The base URL the fixture's fetch answers for. */
export const URL = 'http://conduct.test';

/** Calls the order tool with the order number the conversation shows, and only then. */
const orderCall: ScriptedAnswerFunction = (request) => {
  const order = /order (\d{4})/.exec(viewPrompt(request).section('conversation') ?? '')?.[1];
  return order === undefined
    ? { reason: 'no order number given', calls: [] }
    : { reason: `the customer gave order ${order}`, calls: [{ arguments: { orderId: order } }] };
};

/** Replies from the tool result the prompt shows. */
export const composeReply: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const shipped = /"orderId":"(\d{4})","status":"shipped"/.exec(prompt.text)?.[1];
  if (shipped !== undefined) return `Order ${shipped} has shipped.`;
  if (prompt.shows('handed_off')) return 'A colleague will take over from here.';
  return 'How can I help?';
};

/**
 * An engine on the memory store with an order-status tool, a handoff tool and a `tier` variable,
 * served by the REST app through an in-memory `fetch`; `target()` is an HTTP target for it.
 */
export async function setup(app: Omit<ConductAppOptions, 'conduct'> = {}) {
  const model = createScriptedModel().on('tool-call', orderCall).on('compose', composeReply);
  const conduct = createConduct({
    store: createMemoryStore(),
    model,
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  const agent = await conduct.agents.create({ id: 'shop', name: 'Ava' });
  await agent.guidelines.create({
    title: 'Order status',
    condition: 'the customer asks where their order is',
    action: 'look up the order',
    tools: [
      defineTool({
        name: 'order_status',
        description: 'The status of an order',
        parameters: z.object({ orderId: z.string().regex(/^\d{4}$/) }),
        run: async (_context, { orderId }) => ({ data: { orderId, status: 'shipped' } }),
      }),
    ],
  });
  await agent.guidelines.create({
    title: 'Human',
    condition: 'the customer wants a human person',
    tools: [
      defineTool({
        name: 'hand_off',
        description: 'Hands the session to a human',
        parameters: z.object({}),
        run: async () => ({ data: { handed_off: true }, control: { mode: 'manual' } }),
      }),
    ],
  });
  const tier = await agent.variables.create({ name: 'tier' });
  await tier.setGlobal('basic');
  await tier.setForCustomer('cus-1', 'plus');
  await conduct.store.customers.create({ id: 'cus-1', name: 'Priya' });
  const served = createConductApp({ conduct, ...app });
  const fetch = ((input: string | Request, init?: RequestInit) =>
    served.request(input, init)) as typeof globalThis.fetch;
  const target = (options: Partial<HttpTargetOptions> = {}) =>
    createHttpTarget({ url: URL, fetch, ...options });
  return { conduct, model, target, fetch };
}
