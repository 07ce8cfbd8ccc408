import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Logger, loadConfig, type RunningServer, startServer } from '../src/index.js';
import { closedPort, longPollTurn, request, startConversation, timeline } from './http-client.js';

describe('the service without a model provider', () => {
  let server: RunningServer;
  const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (message, fields) => logged.push({ level: 'info', message, ...(fields && { fields }) }),
    warn: (message, fields) => logged.push({ level: 'warn', message, ...(fields && { fields }) }),
    error: (message, _error, fields) =>
      logged.push({ level: 'error', message, ...(fields && { fields }) }),
  };

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: 'memory://',
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
    });
    server = await startServer(config, { log, ollamaTimeoutMs: 500 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('starts, and serves the example agent', async () => {
    expect(server.selection.provider).toBe('none');
    expect(await server.classification).toBeUndefined();
    const agents = await request<{ id: string }[]>(`${server.url}/agents`);
    expect(agents.body.map((agent) => agent.id)).toEqual(['voltmart-support']);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
  });

  it('ends every turn with an error status that says what to configure', async () => {
    const { sessionId, customerEvent } = await startConversation(
      server.url,
      'voltmart-support',
      'Where is my order VM-10423?',
    );
    const events = await longPollTurn(server.url, sessionId, customerEvent.offset + 1);
    expect(timeline(events)).toEqual([
      'status:acknowledged',
      'status:processing',
      'status:error',
      'status:ready',
    ]);
    const error = events.find((event) => event.data.status === 'error');
    const exception: string = error?.data.data.exception;
    expect(exception).toMatch(/^ConfigurationError: No language model is configured/);
    for (const variable of [
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'ANTHROPIC_API_KEY',
      'OLLAMA_HOST',
    ]) {
      expect(exception).toContain(variable);
    }
  });

  it('logs each failing turn at once, with what to configure', async () => {
    const { sessionId } = await startConversation(server.url, 'voltmart-support', 'Hi there');
    const started = Date.now();
    await server.conduct.engine.idle(sessionId);
    const line = logged.find((entry) => entry.fields?.sessionId === sessionId);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(line?.level).toBe('error');
    expect(line?.message).toMatch(
      new RegExp(
        `^turn failed: session ${sessionId}, agent voltmart-support, 0 matched, .* — No language model is configured`,
      ),
    );
    expect(line?.message).toContain('OPENAI_API_KEY');
    expect(line?.fields).toMatchObject({ outcome: 'failed', agentId: 'voltmart-support' });
  });

  it('shuts down promptly while a client is long-polling', async () => {
    const { sessionId } = await startConversation(server.url, 'voltmart-support', 'Hello?');
    await server.conduct.engine.idle(sessionId);
    const poll = fetch(`${server.url}/sessions/${sessionId}/events?min_offset=100&wait_for_data=30`)
      .then((response) => response.status)
      .catch(() => 'connection closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await poll).not.toBe(200);
    await expect(fetch(`${server.url}/agents`)).rejects.toThrow();
  });
});
