import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { type AuthPolicy, type ConductAppOptions, createConductApp } from '../src/index.js';

/** A Conduct app over an in-memory store with the given policy (and other app options). */
export function appWith(
  auth: AuthPolicy,
  options: Omit<ConductAppOptions, 'conduct' | 'auth'> = {},
) {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  return { app: createConductApp({ conduct, auth, ...options }), store: conduct.store };
}

type App = ReturnType<typeof appWith>['app'];

/** Sends a request (JSON body, optional bearer credential) and returns status and body. */
export async function request(
  app: App,
  method: string,
  path: string,
  options: {
    body?: unknown;
    bearer?: string;
    headers?: Record<string, string>;
    /** The socket peer's address, as `@hono/node-server` passes it (`app.request` has none). */
    peer?: string;
  } = {},
) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  const response = await app.request(
    path,
    {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    },
    options.peer === undefined ? undefined : socketEnv(options.peer),
  );
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field
  const body: any = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, body, text };
}

/** The bindings `@hono/node-server` gives a request from `peer` (what `getConnInfo` reads). */
export function socketEnv(peer: string) {
  return { incoming: { socket: { remoteAddress: peer } } };
}

/** A customer message body. */
export const customerMessage = { kind: 'message', source: 'customer', message: 'Hi' };
