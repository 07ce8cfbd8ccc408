import type { ChildProcess } from 'node:child_process';
import {
  createConduct,
  createToolServiceDirectory,
  createToolServices,
  memoryToolServiceRegistrations,
} from '@conduct/core';
import { createScriptedModel, matchAllStrategy, whenPrompt } from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { ParlantClient } from 'parlant-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toolServiceForRegistration } from '../src/index.js';
import { freePort, kill, startHttpServer } from './mcp-fixture.js';
import { ordersDocument, startOrdersApi } from './orders-api.js';

const CONDUCT = 'http://conduct.test';
const scope = { agentId: 'a', sessionId: 's', customerId: 'guest', traceId: 't' };
const once = { maxRetries: 0 } as const;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Conduct with tool services over REST, and the real parlant-client talking to it. */
function setup(model = createScriptedModel()) {
  const registrations = memoryToolServiceRegistrations();
  const conduct = createConduct({ model, strategies: [matchAllStrategy()] });
  const services = createToolServices({ registry: conduct.tools });
  const toolServices = createToolServiceDirectory({
    services,
    registrations,
    connect: toolServiceForRegistration,
  });
  cleanups.push(
    () => conduct.close(),
    () => services.close(),
  );
  const app = createConductApp({ conduct: { ...conduct, toolServices } });
  // The client's requests go to the app; everything else (MCP, OpenAPI servers) to the network.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(CONDUCT) ? app.request(url, init) : realFetch(input, init);
  });
  const client = new ParlantClient({ environment: CONDUCT });
  return { conduct, services, registrations, client, model };
}

async function mcpServer() {
  const port = await freePort();
  let child: ChildProcess = await startHttpServer(port);
  cleanups.push(() => kill(child));
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async restart() {
      await kill(child);
      child = await startHttpServer(port);
    },
  };
}

describe('/services over REST (parlant-client)', () => {
  it('registers an MCP server, lists, reads with tools, and deletes it', async () => {
    const server = await mcpServer();
    const { client, conduct, registrations } = setup();
    const created = await client.services.createOrUpdate(
      'weather',
      { kind: 'mcp', mcp: { url: server.url } },
      once,
    );
    expect(created).toMatchObject({ name: 'weather', kind: 'mcp', url: server.url });
    expect(conduct.tools.has('weather:get_forecast')).toBe(true);
    expect(await registrations.list()).toEqual([{ name: 'weather', kind: 'mcp', url: server.url }]);
    expect(await client.services.list(once)).toEqual([
      { name: 'weather', kind: 'mcp', url: server.url },
    ]);
    const read = await client.services.retrieve('weather', once);
    const forecast = read.tools?.find((tool) => tool.name === 'get_forecast');
    expect(forecast).toMatchObject({
      description: 'The weather forecast for a city',
      parameters: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city'],
    });
    await client.services.delete('weather', once);
    expect(conduct.tools.has('weather:get_forecast')).toBe(false);
    expect(await registrations.list()).toEqual([]);
    await expect(client.services.retrieve('weather', once)).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('registers an OpenAPI document by URL', async () => {
    const api = await startOrdersApi();
    cleanups.push(async () => api.server.close());
    const { client, conduct } = setup();
    const created = await client.services.createOrUpdate(
      'orders',
      { kind: 'openapi', openapi: { url: `${api.url}/api`, source: `${api.url}/openapi.json` } },
      once,
    );
    expect(created.tools?.map((tool) => tool.name)).toEqual(['get_order', 'create_refund']);
    expect(conduct.tools.has('orders:create_refund')).toBe(true);
  });

  it('registers an inline OpenAPI document whose calls go to the given url', async () => {
    const api = await startOrdersApi();
    cleanups.push(async () => api.server.close());
    const { client, conduct } = setup();
    await client.services.createOrUpdate(
      'orders',
      {
        kind: 'openapi',
        openapi: { url: `${api.url}/api`, source: JSON.stringify(ordersDocument) },
      },
      once,
    );
    const tool = conduct.tools.get('orders:get_order');
    // The test API demands a token the registration does not carry: the call reached it.
    await expect(
      tool?.run({ ...scope, signal: AbortSignal.timeout(5000) }, { order_id: 'A1' }),
    ).rejects.toThrow(/^HTTP 401/);
    expect(api.received.at(-1)).toMatchObject({ method: 'GET', url: '/api/orders/A1' });
  });

  it('refuses sdk services, a missing block, a file path source and an unreachable server', async () => {
    const { client } = setup();
    const port = await freePort();
    const cases = [
      { kind: 'sdk', sdk: { url: 'http://127.0.0.1:1/' } },
      { kind: 'mcp' },
      { kind: 'openapi', openapi: { url: 'http://127.0.0.1:1/', source: '/etc/passwd' } },
      { kind: 'mcp', mcp: { url: `http://127.0.0.1:${port}/mcp` } },
    ] as const;
    for (const body of cases) {
      await expect(
        client.services.createOrUpdate('bad', body as never, once),
        JSON.stringify(body),
      ).rejects.toMatchObject({ statusCode: 422 });
    }
    expect(await client.services.list(once)).toEqual([]);
  });

  it('runs a registered MCP tool in a turn through a guideline, across a server restart', async () => {
    const server = await mcpServer();
    const model = createScriptedModel()
      .on(
        'tool-call',
        whenPrompt({
          shows: /forecast for (Oslo|Rome)/,
          in: 'conversation',
          answer: (request) => {
            // The city the customer named last.
            const text = request.messages.map((message) => message.content).join('\n');
            const city = [...text.matchAll(/forecast for (Oslo|Rome)/g)].at(-1)?.[1];
            return {
              reason: 'the customer named a city',
              calls: [{ arguments: { city, days: null } }],
            };
          },
          otherwise: { reason: 'no city yet', calls: [] },
        }),
      )
      .on(
        'compose',
        whenPrompt({
          shows: '"sky":"sunny"',
          answer: 'It will be sunny.',
          otherwise: 'I do not know.',
        }),
      );
    const { client, conduct } = setup(model);
    await client.services.createOrUpdate(
      'weather',
      { kind: 'mcp', mcp: { url: server.url } },
      once,
    );
    const agent = await conduct.agents.create({ name: 'Ava' });
    await agent.guidelines.create({
      condition: 'the customer asks about the weather',
      action: 'look up the forecast',
      tools: ['weather:get_forecast'],
    });
    const session = await agent.createSession({ customerId: 'guest' });
    const say = async (message: string) => {
      await conduct.engine.postCustomerMessage(session.id, { message });
      await conduct.engine.idle(session.id);
      const events = await conduct.store.events.list(session.id);
      const tool = events.filter((event) => event.kind === 'tool').at(-1)?.data;
      const reply = events.filter((event) => event.kind === 'message').at(-1)?.data;
      return { tool, reply };
    };

    const first = await say('What is the forecast for Oslo?');
    expect(first.reply).toMatchObject({ message: 'It will be sunny.' });
    expect(first.tool).toMatchObject({
      tool_calls: [{ tool_id: 'weather:get_forecast', arguments: { city: 'Oslo' } }],
    });
    await server.restart();
    const second = await say('And the forecast for Rome?');
    expect(second.tool).toMatchObject({
      tool_calls: [
        { tool_id: 'weather:get_forecast', result: { data: { city: 'Rome', sky: 'sunny' } } },
      ],
    });
    expect(second.reply).toMatchObject({ message: 'It will be sunny.' });
  });
});
