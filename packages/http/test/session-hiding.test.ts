import { generateTraceId } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, CUSTOMER_TOKEN_OPERATIONS, createCustomerToken } from '../src/index.js';
import { joinRoutePath } from '../src/openapi/parameters.js';
import { documentedRoutes } from '../src/routes/all-routes.js';
import { appWith, customerMessage, request } from './auth-harness.js';

const SECRET = 's'.repeat(40);

// Every documented route scoped to one session, with a body and query it would accept.
const sessionRoutes = documentedRoutes.flatMap((group) =>
  group.docs.routes
    .map((doc) => ({ doc, path: joinRoutePath(group.docs.prefix, doc.path) }))
    .filter(({ path }) => path.startsWith('/sessions/:sessionId'))
    .map(({ doc, path }) => ({
      method: doc.method.toUpperCase(),
      path: (sessionId: string) =>
        path.replace(':sessionId', sessionId).replace(/:[A-Za-z]+/g, 'x') +
        (doc.method === 'delete' && path.endsWith('/events') ? '?min_offset=0' : '') +
        (doc.method === 'get' && path.endsWith('/events') ? '?wait_for_data=0' : ''),
      body:
        doc.method === 'post'
          ? customerMessage
          : doc.method === 'patch'
            ? { metadata: { set: { k: 'v' } } }
            : undefined,
      operations: [doc.operation ?? []].flat(),
    })),
);

const allOperations = [...new Set(sessionRoutes.flatMap((route) => route.operations))];

async function setup(operations?: readonly string[]) {
  const { app, store } = appWith(
    apiKeyAuthPolicy({
      keys: ['k'],
      customerTokens: { secret: SECRET, ...(operations ? { operations } : {}) },
    }),
  );
  const agent = await store.agents.create({ name: 'Ava' });
  const bobs = await store.sessions.create({ agentId: agent.id, customerId: 'bob' });
  await store.events.append(bobs.id, {
    kind: 'message',
    source: 'customer',
    traceId: generateTraceId(),
    data: { message: 'private', participant: { id: 'bob', display_name: 'Bob' } },
  });
  const bearer = await createCustomerToken({
    secret: SECRET,
    customerId: 'alice',
    expiresInSeconds: 60,
  });
  return { app, store, bobs, bearer };
}

describe("a customer token on another customer's session", () => {
  for (const [label, operations] of [
    ['with every operation granted', allOperations],
    ['with the default token operations', CUSTOMER_TOKEN_OPERATIONS],
  ] as const) {
    it(`answers exactly as for a session that does not exist (${label})`, async () => {
      const { app, store, bobs, bearer } = await setup(operations);
      const covered = sessionRoutes.map((route) => `${route.method} ${route.path('ID')}`);
      expect(covered).toEqual(
        expect.arrayContaining([
          'GET /sessions/ID',
          'PATCH /sessions/ID',
          'DELETE /sessions/ID',
          'POST /sessions/ID/events',
          'GET /sessions/ID/events?wait_for_data=0',
          'DELETE /sessions/ID/events?min_offset=0',
          'GET /sessions/ID/events/stream',
          'GET /sessions/ID/events/x',
          'PATCH /sessions/ID/events/x',
          'GET /sessions/ID/traces/x',
        ]),
      );
      for (const route of sessionRoutes) {
        const answer = async (sessionId: string) => {
          const response = await request(app, route.method, route.path(sessionId), {
            bearer,
            ...(route.body === undefined ? {} : { body: route.body }),
          });
          // The same answer, up to the id the caller sent itself.
          return { status: response.status, text: response.text.replaceAll(sessionId, '<id>') };
        };
        const where = `${route.method} ${route.path('ID')}`;
        const others = await answer(bobs.id);
        expect(others, where).toEqual(await answer('no-such-session'));
        const granted = route.operations.some((operation) => operations.includes(operation));
        if (granted) {
          expect(others, where).toEqual({
            status: 404,
            text: JSON.stringify({ detail: "Session not found (id='<id>')" }),
          });
        }
      }
      // Nothing of Bob's was read into an answer, changed or deleted.
      expect((await store.sessions.get(bobs.id)).customerId).toBe('bob');
      expect((await store.events.list(bobs.id)).length).toBe(1);
      expect((await store.sessions.get(bobs.id)).title).toBe(bobs.title);
    });
  }
});
