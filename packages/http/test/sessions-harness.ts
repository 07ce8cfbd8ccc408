import { createConduct, createMemoryStore } from '@conduct/core';
import {
  createScriptedModel,
  keywordStrategy,
  type ScriptedModelOptions,
} from '@conduct/core/testing';
import { createConductApp } from '../src/index.js';

/** A Conduct app over an in-memory store and a scripted model (`compose` answers "Hello!"). */
export function setup(options: { maxWaitSeconds?: number; model?: ScriptedModelOptions } = {}) {
  const model = createScriptedModel(options.model).on('compose', 'Hello!');
  const conduct = createConduct({
    store: createMemoryStore(),
    model,
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  const app = createConductApp({
    conduct,
    ...(options.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: options.maxWaitSeconds }),
  });
  return { app, conduct, model, store: conduct.store };
}

/** The app of {@link setup}. */
export type TestApp = ReturnType<typeof setup>['app'];

/** Request init with a JSON body. */
export function send(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Sends a request and returns status and parsed JSON body (`undefined` when empty). */
export async function call(app: TestApp, path: string, init?: RequestInit) {
  const response = await app.request(path, init);
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field
  const body: any = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, body, headers: response.headers };
}

/** Creates an agent (and a session for it) through the API. */
export async function agentAndSession(app: TestApp, session: Record<string, unknown> = {}) {
  const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
  const created = await call(app, '/sessions', send('POST', { agent_id: agent.id, ...session }));
  return { agent, session: created.body };
}

/** Posts a customer message and returns the created event. */
export async function say(app: TestApp, sessionId: string, message: string) {
  const { status, body } = await call(
    app,
    `/sessions/${sessionId}/events`,
    send('POST', { kind: 'message', source: 'customer', message }),
  );
  if (status !== 201) throw new Error(`customer message failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Long-polls from `minOffset` until an `ai_agent` message arrives; returns every event seen. */
export async function pollUntilReply(app: TestApp, sessionId: string, minOffset = 0) {
  // biome-ignore lint/suspicious/noExplicitAny: wire events
  const seen: any[] = [];
  let offset = minOffset;
  for (let round = 0; round < 50; round++) {
    const { status, body } = await call(
      app,
      `/sessions/${sessionId}/events?min_offset=${offset}&wait_for_data=5`,
    );
    if (status !== 200) throw new Error(`long-poll failed: ${status} ${JSON.stringify(body)}`);
    seen.push(...body);
    offset = body.at(-1).offset + 1;
    const ready = seen.some((e) => e.kind === 'status' && e.data.status === 'ready');
    if (seen.some((e) => e.kind === 'message' && e.source === 'ai_agent') && ready) return seen;
  }
  throw new Error('no reply');
}

/** Parses an SSE body made of `data: <json>` messages. */
export function sseMessages(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      if (!block.startsWith('data: ') || block.includes('\n')) throw new Error(`bad SSE: ${block}`);
      return JSON.parse(block.slice('data: '.length));
    });
}
