import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { type AuthPolicy, createConductApp } from '../src/index.js';

/** A Conduct app over an in-memory store with the given policy. */
export function appWith(auth: AuthPolicy) {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  return { app: createConductApp({ conduct, auth }), store: conduct.store };
}

type App = ReturnType<typeof appWith>['app'];

/** Sends a request (JSON body, optional bearer credential) and returns status and body. */
export async function request(
  app: App,
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  const response = await app.request(path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field
  const body: any = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, body, text };
}

/** A customer message body. */
export const customerMessage = { kind: 'message', source: 'customer', message: 'Hi' };
