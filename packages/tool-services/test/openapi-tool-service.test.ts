import type { Server } from 'node:http';
import { validateToolCall } from '@conduct/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createOpenApiToolService } from '../src/index.js';
import { callTool, createToolRegistry, createToolServices } from './mcp-fixture.js';
import { ordersDocument, startOrdersApi } from './orders-api.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function setup() {
  const api = await startOrdersApi();
  servers.push(api.server);
  const registry = createToolRegistry();
  const services = createToolServices({ registry });
  return { api, registry, services };
}

describe('OpenAPI tool service', () => {
  it('turns the operations of a document fetched by URL into tools and calls the API', async () => {
    const { api, registry, services } = await setup();
    const summary = await services.add(
      createOpenApiToolService({
        name: 'orders',
        source: `${api.url}/openapi.json`,
        headers: { authorization: 'Bearer secret' },
      }),
    );
    expect(summary.tools.map((tool) => tool.ref)).toEqual([
      'orders:get_order',
      'orders:create_refund',
    ]);
    expect(summary.tools[1]).toMatchObject({
      consequential: true,
      description: 'Refunds an order',
    });
    const order = await callTool(registry, 'orders:get_order', { order_id: 'A/1', expand: true });
    expect(order.result?.data).toEqual({ id: 'A/1', status: 'shipped' });
    expect(api.received.at(-1)).toMatchObject({
      method: 'GET',
      url: '/api/orders/A%2F1?expand=true',
      authorization: 'Bearer secret',
    });
    const refund = registry.get('orders:create_refund')!;
    expect(validateToolCall(refund, { order_id: 'A1', amount: -1 }).ok).toBe(false);
    expect(validateToolCall(refund, { order_id: 'A1' }).ok).toBe(false);
    const refunded = await callTool(registry, 'orders:create_refund', {
      order_id: 'A1',
      amount: 5,
    });
    expect(refunded.result?.data).toEqual({ refunded: { order_id: 'A1', amount: 5 } });
  });

  it('takes an inline YAML document and fails calls the API refuses', async () => {
    const { api, registry, services } = await setup();
    await services.add(
      createOpenApiToolService({
        name: 'orders',
        source: stringify(ordersDocument),
        baseUrl: `${api.url}/api`,
        headers: { authorization: 'Bearer secret' },
      }),
    );
    const missing = await callTool(registry, 'orders:get_order', { order_id: 'missing' });
    expect(missing).toMatchObject({
      status: 'failed',
      error: 'HTTP 404: {"error":"no such order"}',
    });
  });

  it('refuses "." and ".." as path arguments, so a call cannot climb to another path', async () => {
    const { api, registry, services } = await setup();
    await services.add(
      createOpenApiToolService({
        name: 'orders',
        source: stringify(ordersDocument),
        baseUrl: `${api.url}/api`,
        headers: { authorization: 'Bearer secret' },
      }),
    );
    const before = api.received.length;
    for (const order_id of ['..', '.']) {
      const result = await callTool(registry, 'orders:get_order', { order_id });
      expect(result).toMatchObject({
        status: 'failed',
        error: expect.stringContaining(`cannot be "${order_id}"`),
      });
    }
    expect(api.received.length).toBe(before);
    const dotted = await callTool(registry, 'orders:get_order', { order_id: '..x' });
    // A value merely containing dots is an ordinary segment.
    expect(dotted).toMatchObject({ status: 'succeeded' });
    expect(api.received.at(-1)).toMatchObject({ url: '/api/orders/..x' });
  });

  it('refuses a source that is not an OpenAPI 3 document', async () => {
    const { services } = await setup();
    await expect(
      services.add(createOpenApiToolService({ name: 'x', source: '{"swagger":"2.0"}' })),
    ).rejects.toThrow(/Swagger 2.0/);
  });
});
