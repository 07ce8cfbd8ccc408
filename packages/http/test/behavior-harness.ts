import { createConduct, createMemoryStore, defineTool, type JourneyStepper } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { ParlantClient } from 'parlant-client';
import { vi } from 'vitest';
import { z } from 'zod';
import { type ConductApp, createConductApp } from '../src/index.js';

/** A registered tool, so tool references can be checked and described. */
export const lookupOrder = defineTool({
  name: 'lookup_order',
  service: 'orders',
  description: 'Finds an order by its number',
  parameters: z.object({
    order_id: z.string().describe('The order number'),
    channel: z.enum(['web', 'store']).optional(),
  }),
  run: () => ({ data: { status: 'shipped' } }),
});

/** A second registered tool. */
export const refundOrder = defineTool({
  name: 'refund_order',
  service: 'orders',
  description: 'Refunds an order',
  parameters: z.object({ order_id: z.string(), amount: z.number().int() }),
  consequential: true,
  run: () => ({ data: { ok: true } }),
});

/** A registered tool without parameters, as context-variable refreshes need. */
export const loyaltyTier = defineTool({
  name: 'loyalty_tier',
  service: 'crm',
  description: "Looks up the customer's loyalty tier",
  parameters: z.object({}),
  run: (context) => ({ data: `gold for ${context.customerId}` }),
});

/** Keeps every journey where it is (defining journeys from code needs a stepper). */
const stayingStepper: JourneyStepper = { name: 'stay', step: async () => ({ action: 'stay' }) };

/** A fresh app over an in-memory store with three tools registered. */
export function setup() {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel(),
    strategies: [keywordStrategy()],
    journeyStepper: stayingStepper,
    tools: [lookupOrder, refundOrder, loyaltyTier],
  });
  const app = createConductApp({ conduct });
  return { conduct, store: conduct.store, app, call: caller(app) };
}

/** {@link setup} plus three guidelines (`a`, `b`, `c`) and a tag, for relationship tests. */
export async function withGuidelines() {
  const context = setup();
  const { call } = context;
  const guideline = async (condition: string) =>
    (await call('POST', '/guidelines', { condition, action: `handle ${condition}` })).body;
  return {
    ...context,
    a: await guideline('a'),
    b: await guideline('b'),
    c: await guideline('c'),
    tag: (await call('POST', '/tags', { name: 'returns' })).body,
  };
}

/** The response of {@link caller}: status, JSON (or text) body and headers. */
export interface Called {
  status: number;
  // Tests read arbitrary wire shapes.
  // biome-ignore lint/suspicious/noExplicitAny: wire bodies are checked field by field
  body: any;
  headers: Headers;
}

/** `call(method, path, body?)` through `app.request()`; a string body is sent as is. */
export function caller(app: ConductApp) {
  return async (method: string, path: string, body?: unknown): Promise<Called> => {
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // text/plain bodies (mermaid) stay text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
}

/**
 * The real parlant-client 3.3.1, with its `fetch` routed into `app.request()`: it parses every
 * response strictly, so a missing required key fails the test. Call `vi.unstubAllGlobals()`
 * afterwards (the test files do it in `afterEach`).
 */
export function parlantClient(app: ConductApp): ParlantClient {
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) =>
    app.request(input instanceof Request ? input : String(input), init),
  );
  return new ParlantClient({ environment: 'http://conduct.test' });
}

/** Request options for the client: no retries, so a failure surfaces at once. */
export const once = { maxRetries: 0 } as const;
