import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import parlantClient from 'parlant-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from './sessions-harness.js';

const { ParlantClient, Parlant, serialization } = parlantClient;

// Fern retries 504s by default; a test must see the first answer
// (docs/compatibility.md#what-clients-rely-on).
const once = (timeoutInSeconds = 15) => ({ maxRetries: 0, timeoutInSeconds });

describe('a live server driven by parlant-client 3.3.1', () => {
  const t = setup({ maxWaitSeconds: 10 });
  const signals: AbortSignal[] = [];
  let server: ServerType;
  let url: string;
  let client: InstanceType<typeof ParlantClient>;

  beforeAll(async () => {
    const waitFor = t.store.events.waitFor.bind(t.store.events);
    t.store.events.waitFor = (sessionId, filter, options) => {
      if (options.signal) signals.push(options.signal);
      return waitFor(sessionId, filter, options);
    };
    await new Promise<void>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new ParlantClient({ environment: url });
  });

  afterAll(async () => {
    await t.conduct.engine.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const raw = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : undefined,
    };
  };

  it('holds a conversation: agent, customer, session, message, long-poll until the reply', async () => {
    expect((await raw('/healthz')).status).toBe(200);
    const agent = await client.agents.create({ name: 'Ava', description: 'Support' }, once());
    expect(agent).toMatchObject({ compositionMode: 'fluid', messageOutputMode: 'block' });
    const customer = await client.customers.create({ name: 'Alice', metadata: { k: 'v' } }, once());
    expect(customer.creationUtc).toBeInstanceOf(Date);
    expect((await client.customers.retrieve('guest', once())).name).toBe('Guest');
    const session = await client.sessions.create(
      { agentId: agent.id, customerId: customer.id, title: 't', labels: ['x'] },
      once(),
    );
    expect(session).toMatchObject({
      mode: 'auto',
      consumptionOffsets: { client: 0 },
      metadata: {},
    });
    expect(await client.sessions.list({ labels: ['x'], limit: 10 }, once())).toMatchObject({
      items: [{ id: session.id }],
    });

    const message = await client.sessions.createEvent(
      session.id,
      { kind: 'message', source: 'customer', message: 'hi', moderation: 'none' },
      once(),
    );
    expect(message).toMatchObject({
      offset: 0,
      kind: 'message',
      source: 'customer',
      deleted: false,
    });
    expect(message.traceId).toBe(message.correlationId);
    expect(message.data).toMatchObject({ participant: { display_name: 'Alice' }, flagged: false });

    const seen: InstanceType<typeof Object>[] = [];
    let offset = 1;
    for (;;) {
      const events = await client.sessions.listEvents(
        session.id,
        { minOffset: offset, waitForData: 5 },
        once(10),
      );
      seen.push(...events);
      offset = (events.at(-1)?.offset ?? offset - 1) + 1;
      if (
        events.some((e) => e.kind === 'status' && (e.data as { status: string }).status === 'ready')
      ) {
        break;
      }
    }
    const events = seen as Awaited<ReturnType<typeof client.sessions.listEvents>>;
    expect(events.map((e) => e.offset)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e) => e.traceId === message.traceId)).toBe(true);
    const statuses = events
      .filter((e) => e.kind === 'status')
      .map((e) => (e.data as { status: string }).status);
    expect(statuses[0]).toBe('acknowledged');
    expect(statuses.at(-1)).toBe('ready');
    const reply = events.find((e) => e.kind === 'message');
    expect(reply?.data).toMatchObject({ message: 'Hello!', participant: { display_name: 'Ava' } });

    const rawEvents = (await raw(`/sessions/${session.id}/events?wait_for_data=0`)).json;
    for (const event of rawEvents) {
      expect(serialization.Event.parse(event, { unrecognizedObjectKeys: 'passthrough' }).ok).toBe(
        true,
      );
    }
    const rawSession = (await raw(`/sessions/${session.id}`)).json;
    expect(
      serialization.Session.parse(rawSession, { unrecognizedObjectKeys: 'passthrough' }).ok,
    ).toBe(true);
    const rawCustomer = (await raw(`/customers/${customer.id}`)).json;
    expect(
      serialization.Customer.parse(rawCustomer, { unrecognizedObjectKeys: 'passthrough' }).ok,
    ).toBe(true);

    const statusOnly = await client.sessions.listEvents(
      session.id,
      { kinds: 'status', waitForData: 0 },
      once(),
    );
    expect(statusOnly.every((e) => e.kind === 'status')).toBe(true);
    const agentOnly = await client.sessions.listEvents(
      session.id,
      { source: 'ai_agent', traceId: message.traceId, waitForData: 0 },
      once(),
    );
    expect(agentOnly.length).toBeGreaterThan(1);
    expect(agentOnly.every((e) => e.source === 'ai_agent')).toBe(true);

    const started = Date.now();
    const empty = await client.sessions.listEvents(
      session.id,
      { minOffset: 999, waitForData: 0 },
      once(),
    );
    expect(empty).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('maps 504 and 404 to the client errors, and aborts the wait when the client leaves', async () => {
    const agent = await client.agents.create({ name: 'Bo' }, once());
    const session = await client.sessions.create({ agentId: agent.id }, once());
    const started = Date.now();
    const timedOut = client.sessions.listEvents(
      session.id,
      { minOffset: 0, waitForData: 1 },
      once(5),
    );
    await expect(timedOut).rejects.toBeInstanceOf(Parlant.GatewayTimeoutError);
    await timedOut.catch((error: InstanceType<typeof Parlant.GatewayTimeoutError>) => {
      expect(error.body).toEqual({ detail: 'Request timed out' });
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const missing = client.sessions.listEvents('nope', { waitForData: 0 }, once());
    await expect(missing).rejects.toBeInstanceOf(Parlant.NotFoundError);
    await expect(client.agents.retrieve('nope', once())).rejects.toBeInstanceOf(
      Parlant.NotFoundError,
    );

    signals.length = 0;
    const controller = new AbortController();
    const poll = fetch(`${url}/sessions/${session.id}/events?wait_for_data=10`, {
      signal: controller.signal,
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await poll;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signals.at(-1)?.aborted).toBe(true);
  });

  it('stays silent in manual mode and stores human-agent messages', async () => {
    const agent = await client.agents.create({ name: 'Cy' }, once());
    const session = await client.sessions.create({ agentId: agent.id }, once());
    await client.sessions.update(session.id, { mode: 'manual' }, once());
    const message = await client.sessions.createEvent(
      session.id,
      { kind: 'message', source: 'customer', message: 'anyone?' },
      once(),
    );
    await expect(
      client.sessions.listEvents(
        session.id,
        { minOffset: message.offset + 1, waitForData: 1 },
        once(5),
      ),
    ).rejects.toBeInstanceOf(Parlant.GatewayTimeoutError);
    await expect(
      client.sessions.createEvent(
        session.id,
        { kind: 'message', source: 'human_agent', message: 'x' },
        once(),
      ),
    ).rejects.toMatchObject({ statusCode: 422 });
    const human = await client.sessions.createEvent(
      session.id,
      {
        kind: 'message',
        source: 'human_agent',
        message: 'Bob here',
        participant: { displayName: 'Bob' },
      },
      once(),
    );
    expect(human.data).toMatchObject({ participant: { display_name: 'Bob' } });
    const onBehalf = await client.sessions.createEvent(
      session.id,
      { kind: 'message', source: 'human_agent_on_behalf_of_ai_agent', message: 'Hi!' },
      once(),
    );
    expect(onBehalf.data).toMatchObject({ participant: { id: agent.id } });
    await client.sessions.deleteEvents(session.id, { minOffset: human.offset }, once());
    const left = await client.sessions.listEvents(session.id, { waitForData: 0 }, once());
    expect(left.map((e) => e.id)).toEqual([message.id]);
  });

  it('streams SSE over a real socket', async () => {
    const agent = await client.agents.create({ name: 'Di' }, once());
    const session = await client.sessions.create({ agentId: agent.id }, once());
    await client.sessions.createEvent(
      session.id,
      { kind: 'custom', source: 'customer_ui', data: { page: '/x' } },
      once(),
    );
    const response = await fetch(`${url}/sessions/${session.id}/events?sse=true&wait_for_data=1`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^data: \{.*\}\n\n$/);
    expect(JSON.parse(text.slice(6))).toMatchObject({ kind: 'custom', data: { page: '/x' } });
  });
});
