import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig, silentLogger, startServer } from '../src/index.js';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';
import {
  closedPort,
  longPollTurn,
  request,
  startConversation,
  timeline,
  type WireEvent,
} from './http-client.js';

describe('the service, end to end over HTTP', () => {
  let fake: FakeOpenAI;
  let dataDir: string;
  let config: ServerConfig;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dataDir = await mkdtemp(join(tmpdir(), 'conduct-server-'));
    config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.url,
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
    });
  });

  afterAll(async () => {
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a customer of the example agent, and keeps the session across a restart', async () => {
    const server = await startServer(config, { log: silentLogger });
    let sessionId: string;
    let events: WireEvent[];
    try {
      expect(server.selection.provider).toBe('openai');
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(startServer(config, { log: silentLogger })).rejects.toThrow(
        `The data directory ${dataDir} is in use by another Conduct server`,
      );
      const classified = await server.classification;
      expect(classified?.classified.length).toBeGreaterThan(0);

      const started = await startConversation(
        server.url,
        'voltmart-support',
        'Where is my order VM-10423?',
        // Orders are shown only to the customer who placed them.
        { id: 'cus-priya-nair', name: 'Priya Nair' },
      );
      sessionId = started.sessionId;
      events = await longPollTurn(server.url, sessionId, started.customerEvent.offset + 1);

      expect(timeline(events)).toEqual([
        'status:acknowledged',
        'status:processing',
        'status:processing',
        'tool',
        'status:typing',
        'message',
        'status:ready',
      ]);
      expect(events.map((event) => event.trace_id)).toEqual(
        events.map(() => started.customerEvent.trace_id),
      );
      const tool = events.find((event) => event.kind === 'tool');
      expect(tool?.data.tool_calls[0]).toMatchObject({
        tool_id: 'local:order_status',
        arguments: { order_id: 'VM-10423' },
        result: { data: { found: true, status: 'shipped', carrier: 'UPS' } },
      });
      const reply = events.find((event) => event.kind === 'message');
      expect(reply?.source).toBe('ai_agent');
      expect(reply?.data.message).toContain('VM-10423');
      expect(fake.requests.map((call) => call.kind)).toContain('stream');
    } finally {
      await server.close();
    }

    const restarted = await startServer(config, { log: silentLogger });
    try {
      const session = await request<{ id: string; agent_id: string }>(
        `${restarted.url}/sessions/${sessionId}`,
      );
      expect(session).toMatchObject({
        status: 200,
        body: { id: sessionId, agent_id: 'voltmart-support' },
      });
      const stored = await request<WireEvent[]>(`${restarted.url}/sessions/${sessionId}/events`);
      expect(stored.body.map((event) => event.id)).toEqual(
        expect.arrayContaining(events.map((event) => event.id)),
      );
      expect(stored.body).toHaveLength(events.length + 1);
      // Classification is cached in the store: nothing new to classify after a restart.
      expect((await restarted.classification)?.classified).toEqual([]);
    } finally {
      await restarted.close();
    }
  }, 60_000); // Two PGlite start-ups and a full turn: seconds on a busy CI machine.
});
