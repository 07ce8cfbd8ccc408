import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, createCustomerToken, publicAuthPolicy } from '../src/index.js';
import { joinRoutePath } from '../src/openapi/parameters.js';
import { documentedRoutes } from '../src/routes/all-routes.js';
import { appWith, customerMessage, request } from './auth-harness.js';

const SECRET = 's'.repeat(40);

// Every documented route that asks the policy, with its path parameters filled in.
const authorizedRoutes = documentedRoutes.flatMap((group) =>
  group.docs.routes
    .filter((doc) => doc.operation !== undefined)
    .map((doc) => ({
      method: doc.method.toUpperCase(),
      path: joinRoutePath(group.docs.prefix, doc.path).replace(/:[A-Za-z]+/g, 'x'),
    })),
);

// Wrong in every way a route validates: query values of the wrong type, a body that is no JSON
// object of the route's shape.
const BAD_QUERY =
  '?allow_greeting=maybe&moderation=loud&limit=many&min_offset=-x&wait_for_data=soon&sse=perhaps&tag_id=&kinds=nope';
const BAD_BODIES: unknown[] = [
  { kind: 'telepathy', source: 42, agent_id: 7, name: [], customer_id: 5, participant: 1 },
  'not an object',
];

describe('authorization runs before validation', () => {
  it('every route answers 403 to a caller who may not use it, whatever it sent', async () => {
    const { app } = appWith(apiKeyAuthPolicy({ keys: ['k'], publicDocs: false }));
    expect(authorizedRoutes.length).toBeGreaterThan(50);
    for (const { method, path } of authorizedRoutes) {
      for (const body of method === 'GET' || method === 'DELETE' ? [undefined] : BAD_BODIES) {
        for (const bearer of [undefined, 'not-a-key']) {
          const response = await request(app, method, `${path}${BAD_QUERY}`, {
            ...(body === undefined ? {} : { body }),
            ...(bearer === undefined ? {} : { bearer }),
          });
          expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(403);
          expect(response.body.detail).toMatch(/^Authorization failed: OPERATION=[A-Z_]+$/);
        }
      }
    }
  });

  it('the operation a body asks for is checked before the body is validated', async () => {
    const { app, store } = appWith(publicAuthPolicy(), {
      clientAddress: () => '198.51.100.1',
    });
    const agent = await store.agents.create({ name: 'Ava' });
    const session = await store.sessions.create({ agentId: agent.id });
    const events = `/sessions/${session.id}/events`;
    const denied: [string, unknown, string][] = [
      // A customer session (anonymous callers may only open guest sessions) with a bad agent id.
      ['/sessions', { agent_id: 5, customer_id: 'alice' }, 'CREATE_CUSTOMER_SESSION'],
      ['/sessions?allow_greeting=maybe', { customer_id: 'alice' }, 'CREATE_CUSTOMER_SESSION'],
      // A human agent's message, invalid in itself.
      [events, { kind: 'message', source: 'human_agent', message: 5 }, 'CREATE_HUMAN_AGENT_EVENT'],
      [events, { kind: 'status', source: 'ai_agent', status: 'dancing' }, 'CREATE_STATUS_EVENT'],
      [`${events}?moderation=loud`, { kind: 'custom', source: 'system' }, 'CREATE_CUSTOM_EVENT'],
      // A customer message speaking as someone else, with a malformed participant.
      [
        events,
        { kind: 'message', source: 'customer', message: 'Hi', participant: { id: 1 } },
        'OVERRIDE_CUSTOMER_PARTICIPANT',
      ],
    ];
    for (const [path, body, operation] of denied) {
      const response = await request(app, 'POST', path, { body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(403);
      expect(response.body).toEqual({ detail: `Authorization failed: OPERATION=${operation}` });
    }
    expect(await store.events.list(session.id)).toEqual([]);
    // What the caller may do still gets the validation error.
    const guest = await request(app, 'POST', '/sessions', { body: { agent_id: 5 } });
    expect(guest.status).toBe(422);
    const message = await request(app, 'POST', events, { body: { ...customerMessage, kind: 1 } });
    expect(message.status).toBe(422);
  });

  it("a customer token learns nothing from a body sent to another customer's session", async () => {
    const { app, store } = appWith(
      apiKeyAuthPolicy({ keys: ['k'], customerTokens: { secret: SECRET } }),
    );
    const agent = await store.agents.create({ name: 'Ava' });
    const bobs = await store.sessions.create({ agentId: agent.id, customerId: 'bob' });
    const bearer = await createCustomerToken({
      secret: SECRET,
      customerId: 'alice',
      expiresInSeconds: 60,
    });
    for (const body of [{ kind: 'message', source: 'customer' }, customerMessage]) {
      for (const id of [bobs.id, 'missing']) {
        const response = await request(app, 'POST', `/sessions/${id}/events?moderation=loud`, {
          body,
          bearer,
        });
        expect(response.status, `${id} ${JSON.stringify(body)}`).toBe(404);
        expect(response.body).toEqual({ detail: `Session not found (id='${id}')` });
      }
    }
  });
});
