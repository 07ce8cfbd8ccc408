import { INTERRUPTED_TURN_MESSAGE } from '@conduct/core';
import { createPostgresStore, type PostgresStore } from '@conduct/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterUnavailableReason,
  type PostgresCluster,
  startPostgresCluster,
} from '../../../../packages/store-postgres/test/start-postgres-cluster.js';
import { type EngineProcess, startEngineProcess } from './engine-processes.js';
import { repliesByTrace, traceCompleted, waitForLog } from './log-helpers.js';

const noCluster = await clusterUnavailableReason();
if (noCluster !== undefined && process.env.CONDUCT_REQUIRE_POSTGRES) {
  throw new Error(`PostgreSQL is required: ${noCluster}`);
}

const SESSIONS = 5;
const BURSTS = 3;
const BURST_SIZE = 3;
// The window in which a newer message must cancel a turn: far above a wake-up (~1 ms).
const COMPOSE_MS = 150;

describe.skipIf(noCluster !== undefined)('several engine processes on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let store: PostgresStore;
  const processes: EngineProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    store = await createPostgresStore({ driver: 'pg', connectionString: cluster.connectionString });
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(processes.map((engine) => engine.kill()));
    await store?.close();
    await cluster?.stop();
  }, 30_000);

  async function engine(name: string, model: 'answer' | 'hang') {
    const started = await startEngineProcess(name, cluster.connectionString, {
      model,
      composeMs: COMPOSE_MS,
    });
    processes.push(started);
    return started;
  }

  async function newSession() {
    const agent = await store.agents.create({ name: 'Ava' });
    return store.sessions.create({ agentId: agent.id });
  }

  it('takes turns per session: interleaved messages, one reply to the newest, nothing lost', async () => {
    const [a, b] = await Promise.all([engine('A', 'answer'), engine('B', 'answer')]);
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, newSession));
    const sent: {
      session: number;
      burst: number;
      index: number;
      via: EngineProcess;
      text: string;
      traceId: string;
      outcome: Promise<unknown>;
    }[] = [];

    await Promise.all(
      sessions.map(async (session, s) => {
        for (let burst = 0; burst < BURSTS; burst += 1) {
          let traceId = '';
          for (let index = 0; index < BURST_SIZE; index += 1) {
            // Alternate processes within a burst, and which one starts it.
            const via = (burst + index) % 2 === 0 ? a : b;
            const text = `s${s}-b${burst}-m${index}`;
            const posted = via.post(session.id, text);
            ({ traceId } = await posted.stored);
            sent.push({ session: s, burst, index, via, text, traceId, outcome: posted.outcome });
            if (index < BURST_SIZE - 1) {
              // Send the next message while this one's turn runs (acknowledged, not committed).
              const mine = traceId;
              await waitForLog(store, session.id, (events) =>
                events.some((e) => e.traceId === mine && e.kind === 'status'),
              );
            }
          }
          const newest = traceId;
          await waitForLog(store, session.id, (events) => traceCompleted(events, newest));
        }
      }),
    );
    const outcomes = await Promise.all(sent.map((message) => message.outcome));
    await Promise.all([a.close(), b.close()]);

    let crossProcessCancellations = 0;
    for (const [s, session] of sessions.entries()) {
      const events = await store.events.list(session.id, { includeDeleted: true });
      // Gap-free, unique offsets.
      expect(events.map((event) => event.offset)).toEqual(events.map((_, index) => index));
      // Every customer message is there, in order.
      const mine = sent.filter((message) => message.session === s);
      const customer = events.filter((e) => e.kind === 'message' && e.source === 'customer');
      expect(customer.map((e) => e.kind === 'message' && e.data.message)).toEqual(
        mine.map((message) => message.text),
      );
      // At most one reply per trace; exactly one, naming it, for the newest of each burst.
      const replies = repliesByTrace(events);
      for (const texts of replies.values()) expect(texts).toHaveLength(1);
      for (const message of mine) {
        const newest = message.index === BURST_SIZE - 1;
        if (newest) expect(replies.get(message.traceId)).toEqual([`reply to ${message.text}`]);
        // Every turn that started ended with `ready`, whatever happened to it.
        const statuses = events.filter((e) => e.traceId === message.traceId && e.kind === 'status');
        if (statuses.length > 0) {
          const last = statuses.at(-1);
          expect(last?.kind === 'status' && last.data.status).toBe('ready');
        }
      }
    }
    sent.forEach((message, position) => {
      const outcome = outcomes[position] as { status: string };
      const next = sent.find(
        (other) =>
          other.session === message.session &&
          other.burst === message.burst &&
          other.index === message.index + 1,
      );
      if (next === undefined) expect(outcome.status).toBe('answered');
      else expect(['cancelled', 'superseded', 'answered']).toContain(outcome.status);
      if (outcome.status === 'cancelled' && next !== undefined && next.via !== message.via)
        crossProcessCancellations += 1;
    });
    console.log(
      `${sent.length} messages through 2 processes: ${crossProcessCancellations} turns cancelled by a message to the other process`,
    );
    expect(crossProcessCancellations).toBeGreaterThan(0);
    expect([...a.failures, ...b.failures]).toEqual([]);
  }, 120_000);

  it.each(['resume', 'mark'] as const)(
    'after a SIGKILL mid-turn, a restarted process %ss the unfinished turn',
    async (mode) => {
      const session = await newSession();
      const crashing = await engine(`crashing-${mode}`, 'hang');
      const posted = crashing.post(session.id, 'where is my order?');
      const { traceId } = await posted.stored;
      // Mid-turn: the reply is being written (the model hangs).
      await waitForLog(store, session.id, (events) =>
        events.some(
          (e) => e.traceId === traceId && e.kind === 'status' && e.data.status === 'typing',
        ),
      );
      await crashing.kill();
      expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(false);

      const restarted = await engine(`restarted-${mode}`, 'answer');
      const recovered = await restarted.recover(mode);
      expect(recovered.sessions).toContain(session.id);
      const events = await waitForLog(store, session.id, (log) => traceCompleted(log, traceId));
      const trace = events.filter((e) => e.traceId === traceId);
      const replies = trace.filter((e) => e.kind === 'message' && e.source === 'ai_agent');
      const last = trace.at(-2);
      if (mode === 'resume') {
        expect(replies.map((e) => e.kind === 'message' && e.data.message)).toEqual([
          'reply to nothing',
        ]);
      } else {
        expect(replies).toEqual([]);
        expect(
          last?.kind === 'status' && last.data.status === 'error' && last.data.data.exception,
        ).toBe(INTERRUPTED_TURN_MESSAGE);
      }
      expect(trace.at(-1)?.kind === 'status' && trace.at(-1)?.data).toMatchObject({
        status: 'ready',
      });
      expect(events.map((event) => event.offset)).toEqual(events.map((_, index) => index));
      // Recovering again finds nothing left to do for this session.
      expect((await store.events.listUnfinishedTurns()).map((t) => t.sessionId)).not.toContain(
        session.id,
      );
      await restarted.close();
      expect(restarted.failures).toEqual([]);
    },
    60_000,
  );
});
