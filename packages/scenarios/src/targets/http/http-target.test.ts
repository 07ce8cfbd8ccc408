import { createServer } from 'node:net';
import type { Conduct } from '@conduct/core';
import { apiKeyAuthPolicy } from '@conduct/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessTarget } from '../in-process/in-process-target.js';
import { createHttpTarget } from './index.js';
import { composeReply, setup, URL } from './test-app.js';

let opened: Conduct | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('the HTTP target', () => {
  it('observes a turn through the REST API: its events, replies and decision record as core shapes', async () => {
    const { conduct, target } = await setup();
    opened = conduct;
    const session = await target().openSession({ agentId: 'shop', customerId: 'cus-1' });
    const turn = await session.send('Where is my order 4411?');

    expect(turn.status).toBe('answered');
    expect(turn.messages).toEqual(['Order 4411 has shipped.']);
    expect(turn.events.map((event) => `${event.kind}:${event.source}`)).toEqual([
      'message:customer',
      'status:ai_agent',
      'status:ai_agent',
      'status:ai_agent',
      'tool:system',
      'status:ai_agent',
      'message:ai_agent',
      'status:ai_agent',
    ]);
    expect(turn.events.every((event) => event.traceId === turn.traceId)).toBe(true);
    const [stored] = await conduct.store.turns.list(session.id, { traceId: turn.traceId });
    expect(turn.record).toEqual(stored);
    expect(turn.record?.toolCalls[0]).toMatchObject({
      tool: 'local:order_status',
      arguments: { orderId: '4411' },
      status: 'succeeded',
    });
    expect(turn.record?.modelCalls.map((call) => call.task)).toContain('compose');
  });

  it('reads the session: mode, agent and the variables its customer sees', async () => {
    const { conduct, target } = await setup();
    opened = conduct;
    const known = await target().openSession({ agentId: 'shop', customerId: 'cus-1' });
    expect(await known.inspect()).toEqual({
      mode: 'auto',
      agentId: 'shop',
      variables: { tier: 'plus' },
    });
    const guest = await target().openSession({ agentId: 'shop' });
    expect((await guest.inspect()).variables).toEqual({ tier: 'basic' });

    // A customer the server does not know is created, as the in-process target does.
    const fresh = await target().openSession({ agentId: 'shop', customerId: 'cus-new' });
    expect((await fresh.inspect()).variables).toEqual({ tier: 'basic' });
    expect(await conduct.store.customers.get('cus-new')).toMatchObject({ name: 'cus-new' });
    await expect(
      target({ createCustomers: false }).openSession({ agentId: 'shop', customerId: 'cus-other' }),
    ).rejects.toThrow("answered 404: Customer not found (id='cus-other')");
  });

  it('sees a handoff, then reports the next turn silent and writes as the human agent', async () => {
    const { conduct, model, target } = await setup();
    opened = conduct;
    const session = await target().openSession({ agentId: 'shop' });
    const handoff = await session.send('I want a human person please');
    expect(handoff.messages).toEqual(['A colleague will take over from here.']);
    expect((await session.inspect()).mode).toBe('manual');

    const composed = model.callsFor('compose').length;
    const silent = await session.send('Hello?');
    expect(silent.status).toBe('silent');
    expect(silent.messages).toEqual([]);
    expect(model.callsFor('compose')).toHaveLength(composed);
    await session.sendAsHuman?.('Hi, this is Sam.');
    const events = await conduct.store.events.list(session.id, { kinds: ['message'] });
    expect(events.at(-1)).toMatchObject({
      source: 'human_agent',
      data: { message: 'Hi, this is Sam.' },
    });
  });

  it('reports a failed turn with the error the server gave', async () => {
    const { conduct, model, target } = await setup();
    opened = conduct;
    model.on('compose', () => {
      throw new Error('provider down');
    });
    const session = await target().openSession({ agentId: 'shop' });
    const turn = await session.send('Hello');
    expect(turn.status).toBe('error');
    expect(turn.error).toContain('provider down');
    expect(turn.record?.status).toBe('error');
  });

  it('keeps long-polling past the server’s wait limit until the turn ends', async () => {
    const { conduct, model, target } = await setup({ maxWaitSeconds: 1 });
    opened = conduct;
    model.on('compose', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1600));
      return composeReply(request);
    });
    const session = await target().openSession({ agentId: 'shop' });
    const turn = await session.send('Hello');
    expect(turn.status).toBe('answered');
    expect(turn.messages).toEqual(['How can I help?']);
  });

  it('fails a turn that does not end in time, naming the trace', async () => {
    const { conduct, model, target } = await setup({ maxWaitSeconds: 1 });
    opened = conduct;
    model.on(
      'compose',
      () => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 3000)),
    );
    const session = await target().openSession({ agentId: 'shop' });
    await expect(session.send('Hello', { timeoutMs: 1000 })).rejects.toThrow(
      /trace [0-9a-f]{32}.*timed out/,
    );
  });

  it('sends the API key, and says what the server refused without it', async () => {
    const { conduct, target } = await setup({ auth: apiKeyAuthPolicy({ keys: ['secret-key'] }) });
    opened = conduct;
    await expect(target().openSession({ agentId: 'shop' })).rejects.toThrow(
      `POST /sessions on ${URL} answered 403: Authorization failed`,
    );
    const session = await target({ apiKey: 'secret-key' }).openSession({ agentId: 'shop' });
    expect((await session.send('Where is my order 4411?')).messages).toEqual([
      'Order 4411 has shipped.',
    ]);
  });

  it("describes the agent's guidelines and the tools they can call, by the names scenarios use", async () => {
    const { conduct, target } = await setup();
    opened = conduct;
    const other = await conduct.agents.create({ id: 'other', name: 'Bo' });
    await other.guidelines.create({ title: 'Not ours', condition: 'the customer says hi' });
    const catalog = await target().describeAgent?.('shop');
    expect(catalog).toMatchObject({ agentId: 'shop', journeys: [], cannedResponses: [] });
    expect(catalog?.guidelines.map(({ title, text }) => ({ title, text }))).toEqual([
      {
        title: 'Order status',
        text: 'When the customer asks where their order is, then look up the order',
      },
      { title: 'Human', text: 'Note: the customer wants a human person' },
    ]);
    // By ref, as the in-process target lists them: a suite naming `local:order_status` must
    // mean the same on both targets.
    expect(catalog?.tools).toEqual(['local:hand_off', 'local:order_status']);
    const inProcess = await createInProcessTarget({ conduct }).describeAgent?.('shop');
    expect([...(inProcess?.tools ?? [])].sort()).toEqual(catalog?.tools);
    await expect(target().describeAgent?.('nobody')).rejects.toThrow("has no agent 'nobody'");
  });

  it('names an unknown agent and an unreachable server', async () => {
    const { conduct, target } = await setup();
    opened = conduct;
    await expect(target().openSession({ agentId: 'nobody' })).rejects.toThrow(
      `The server at ${URL} has no agent 'nobody'`,
    );
    const port = await closedPort();
    await expect(
      createHttpTarget({ url: `http://127.0.0.1:${port}/` }).openSession({ agentId: 'shop' }),
    ).rejects.toThrow(`Cannot reach a Conduct server at http://127.0.0.1:${port}: ECONNREFUSED`);
  });
});

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
