/**
 * Stress: customers post two messages to the same session at once, over the real HTTP app on a
 * real PostgreSQL, to agents whose variable is refreshed by a tool on every turn (guest sessions
 * never store the fresh value). The newer message cancels the older turn wherever it is —
 * including right before its variable refresh starts, which once crashed the process with an
 * unhandled rejection.
 */
import { createConduct, defineTool, type Event, type VariableStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { createPostgresStore, type PostgresStore } from '@conduct/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { noCluster, useCluster } from '../../../packages/store-postgres/test/use-cluster.js';
import { repliesByTrace } from './multi-process/log-helpers.js';

const SESSIONS = 50;
// A customer's message (not the agent's earlier reply naming one).
const MESSAGE_TOKEN = /(?<!reply to )\bs\d+-m\d+\b/g;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The variable store, with each read of a variable's values first passing `gate`. */
function gatedReads(variables: VariableStore, gate: (variableId: string) => Promise<void>) {
  return new Proxy(variables, {
    get(target, property) {
      if (property === 'listValues') {
        return async (variableId: string) => {
          await gate(variableId);
          return target.listValues(variableId);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.skipIf(noCluster !== undefined)('concurrent customer messages on PostgreSQL', () => {
  const connectionString = useCluster();
  let store: PostgresStore;
  const crashes: { kind: string; error: unknown }[] = [];
  const onRejection = (error: unknown) => crashes.push({ kind: 'unhandledRejection', error });
  const onException = (error: unknown) => crashes.push({ kind: 'uncaughtException', error });

  beforeAll(async () => {
    store = await createPostgresStore({ driver: 'pg', connectionString: connectionString() });
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    await store?.close();
  });

  it('stores every message once, answers each newest one once, and nothing rejects unhandled', async () => {
    const model = createScriptedModel({ latencyMs: 5 }).on('compose', (request) => {
      const prompt = request.messages.map((message) => message.content).join('\n');
      return `reply to ${prompt.match(MESSAGE_TOKEN)?.at(-1) ?? 'nothing'}`;
    });
    // Sessions whose first turn is held as it reads its variable's stored values, until the
    // second message has been posted (and has cancelled that turn): by variable id.
    const held = new Map<string, { reached: ReturnType<typeof deferred>; posted: Promise<void> }>();
    const engineErrors: unknown[] = [];
    const conduct = createConduct({
      store: {
        ...store,
        variables: gatedReads(store.variables, async (variableId) => {
          const hold = held.get(variableId);
          if (hold === undefined) return;
          held.delete(variableId);
          hold.reached.resolve();
          await hold.posted;
        }),
      },
      model,
      strategies: [keywordStrategy()],
      onError: (error) => engineErrors.push(error),
    });
    const app = createConductApp({ conduct });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await app.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    };
    const post = async (sessionId: string, text: string) => {
      const response = await call('POST', `/sessions/${sessionId}/events`, {
        kind: 'message',
        source: 'customer',
        message: text,
      });
      expect(response.status, text).toBe(201);
      return { sessionId, text };
    };
    const tierLookup = defineTool({
      name: 'tier_lookup',
      description: 'Looks up the loyalty tier',
      parameters: z.object({}),
      run: async (context) => {
        await sleep(2);
        context.signal.throwIfAborted();
        return { data: 'gold' };
      },
    });

    try {
      // One agent (and variable) per session, so that a held read belongs to one session.
      const sessions = await Promise.all(
        Array.from({ length: SESSIONS }, async (_, s) => {
          const agent = await conduct.agents.create({ name: `Ava ${s}` });
          const variable = await agent.variables.create({ name: 'tier', tool: tierLookup });
          const created = await call('POST', '/sessions', { agent_id: agent.id });
          expect(created.status).toBe(201);
          return { id: created.body.id as string, variableId: variable.id };
        }),
      );

      const posted = (
        await Promise.all(
          sessions.map(async ({ id, variableId }, s) => {
            // Half the pairs are posted at the same moment.
            if (s % 2 === 0) return Promise.all([post(id, `s${s}-m0`), post(id, `s${s}-m1`)]);
            // In the other half the second message arrives as the first one's turn reads its
            // variable, right before the refresh: the turn goes on with a cancelled signal.
            const posted = deferred();
            const reached = deferred();
            held.set(variableId, { reached, posted: posted.promise });
            const first = await post(id, `s${s}-m0`);
            await reached.promise;
            const second = await post(id, `s${s}-m1`);
            posted.resolve();
            return [first, second];
          }),
        )
      ).flat();
      await Promise.all(sessions.map(({ id }) => conduct.engine.idle(id)));
      expect(held.size).toBe(0);

      for (const { id } of sessions) {
        const events: Event[] = await store.events.list(id, { includeDeleted: true });
        expect(events.map((event) => event.offset)).toEqual(events.map((_, index) => index));
        // Every message stored exactly once.
        const customer = events.filter((e) => e.kind === 'message' && e.source === 'customer');
        const mine = posted.filter((message) => message.sessionId === id);
        expect(customer.map((e) => e.kind === 'message' && e.data.message).sort()).toEqual(
          mine.map((message) => message.text).sort(),
        );
        // One reply at most per turn; exactly one, naming it, to the newest message.
        const replies = repliesByTrace(events);
        for (const texts of replies.values()) expect(texts).toHaveLength(1);
        const newest = customer.at(-1);
        const newestText = newest?.kind === 'message' ? newest.data.message : undefined;
        expect(replies.get(newest?.traceId ?? ''), id).toEqual([`reply to ${newestText}`]);
        const last = events.filter((e) => e.kind === 'status').at(-1);
        expect(last?.kind === 'status' && last.data.status).toBe('ready');
      }
      expect(engineErrors).toEqual([]);
      // Unhandled rejections are reported a macrotask after the promise settles.
      await sleep(50);
      expect(crashes).toEqual([]);
    } finally {
      await conduct.close();
    }
  }, 60_000);
});
