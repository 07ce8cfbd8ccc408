import { generateTraceId } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, createCustomerToken } from '../src/index.js';
import { appWith, request } from './auth-harness.js';

const KEY = 'management-key-0123456789';
const SECRET = 'token-secret-0123456789abcdef0123456789';

async function setup() {
  const { app, store } = appWith(
    apiKeyAuthPolicy({ keys: [KEY], customerTokens: { secret: SECRET } }),
  );
  const agent = await store.agents.create({ name: 'Ava' });
  const sessionOf = async (customerId: string) => {
    const session = await store.sessions.create({ agentId: agent.id, customerId });
    const reply = await store.events.append(session.id, {
      kind: 'message',
      source: 'ai_agent',
      traceId: generateTraceId(),
      data: { message: 'Refunds are free!', participant: { id: null, display_name: 'Ava' } },
    });
    return { session, reply };
  };
  const alice = await createCustomerToken({
    secret: SECRET,
    customerId: 'alice',
    expiresInSeconds: 600,
  });
  return { app, store, sessionOf, alice };
}

describe('feedback and customer tokens', () => {
  it('lets a customer rate and comment on an agent message of its own session, as itself', async () => {
    const { app, sessionOf, alice } = await setup();
    const { session, reply } = await sessionOf('alice');
    const rated = await request(app, 'POST', `/sessions/${session.id}/feedback`, {
      bearer: alice,
      body: { event_id: reply.id, rating: 'bad', comment: 'That is not what I asked' },
    });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ author: 'customer:alice', rating: 'bad' });
  });

  it('keeps corrections, a chosen author, listings and deletion to operators', async () => {
    const { app, sessionOf, alice } = await setup();
    const { session, reply } = await sessionOf('alice');
    const path = `/sessions/${session.id}/feedback`;
    const denied = [
      ['POST', path, { event_id: reply.id, rating: 'bad', corrections: {} }, 'CREATE_FEEDBACK'],
      ['POST', path, { event_id: reply.id, rating: 'bad', author: 'Eve' }, 'CREATE_FEEDBACK'],
      ['GET', path, undefined, 'LIST_FEEDBACK'],
      ['GET', '/feedback', undefined, 'LIST_FEEDBACK'],
      ['DELETE', `${path}/any`, undefined, 'DELETE_FEEDBACK'],
    ] as const;
    for (const [method, target, body, operation] of denied) {
      const response = await request(app, method, target, {
        bearer: alice,
        ...(body === undefined ? {} : { body }),
      });
      expect(response.status, `${method} ${target}`).toBe(403);
      expect(response.body.detail).toBe(`Authorization failed: OPERATION=${operation}`);
    }
    // Without credentials nothing about feedback is allowed.
    const anonymous = await request(app, 'POST', path, {
      body: { event_id: reply.id, rating: 'good' },
    });
    expect(anonymous.status).toBe(403);

    const operator = await request(app, 'POST', path, {
      bearer: KEY,
      body: { event_id: reply.id, rating: 'bad', author: 'Eve', corrections: {} },
    });
    expect(operator.status).toBe(201);
    expect(operator.body.author).toBe('Eve');
    const listed = await request(app, 'GET', `/feedback?agent_id=${session.agentId}`, {
      bearer: KEY,
    });
    expect(listed.body.map((item: { id: string }) => item.id)).toEqual([operator.body.id]);
  });

  it("answers another customer's session as a missing one, and stores nothing", async () => {
    const { app, store, sessionOf, alice } = await setup();
    const bobs = await sessionOf('bob');
    const response = await request(app, 'POST', `/sessions/${bobs.session.id}/feedback`, {
      bearer: alice,
      body: { event_id: bobs.reply.id, rating: 'bad' },
    });
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe(`Session not found (id='${bobs.session.id}')`);
    expect((await store.feedback.list()).items).toEqual([]);
  });
});
