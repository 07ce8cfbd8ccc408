import type { AddressInfo } from 'node:net';
import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy, type ScriptedRequest } from '@conduct/core/testing';
import { type AuthPolicy, createConductApp } from '@conduct/http';
import { type Http2Bindings, type HttpBindings, type ServerType, serve } from '@hono/node-server';

/** One request the API server received, recorded when it arrived. */
export interface RecordedCall {
  method: string;
  /** Path and query string, e.g. `/sessions/abc/events?min_offset=0&wait_for_data=60`. */
  url: string;
  /** The `Origin` request header (set by the browser on cross-origin calls). */
  origin: string | null;
  /** `Access-Control-Request-Headers` of a preflight. */
  requestHeaders: string | null;
  /** Response status; undefined while the request is still pending (a long-poll). */
  status?: number;
  /** `Access-Control-Allow-Origin` of the response. */
  allowOrigin?: string | null;
  /** `Access-Control-Allow-Headers` of the response (preflights). */
  allowHeaders?: string | null;
}

/** Options of {@link startWidgetApi}. */
export interface WidgetApiOptions {
  /** Authorization policy of the app. Default: development (everything allowed). */
  auth?: AuthPolicy;
  /** API key that the Node-side helpers (`post`, `get`) send as a bearer token. */
  apiKey?: string;
}

/** A live Conduct API on an ephemeral port, with a scripted model that echoes the customer. */
export interface WidgetApi {
  /** Base URL, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /** Every request so far, in arrival order. */
  calls: RecordedCall[];
  /** POSTs JSON from Node (recorded without an `Origin`); throws on a non-2xx status. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** GETs JSON from Node (recorded without an `Origin`); throws on a non-2xx status. */
  get<T>(path: string): Promise<T>;
  /** Long-polls a session from Node until an agent message with `text` is stored. */
  waitForReply(sessionId: string, text: string): Promise<void>;
  close(): Promise<void>;
}

interface WireMessage {
  source: string;
  offset: number;
  data: { message?: string };
}

/** The scripted reply to a customer message: deterministic and tied to what was said. */
export function replyTo(message: string): string {
  return `Conduct received: ${message}`;
}

/**
 * Answers `compose` with {@link replyTo} of the newest customer line of the prompt's
 * conversation, so each turn's reply proves which message the engine saw.
 */
function echoLatestCustomerLine(request: ScriptedRequest): string {
  const prompt = request.messages.map((message) => message.content).join('\n');
  const said = [...prompt.matchAll(/^Customer \([^)]*\): (.*)$/gm)].at(-1)?.[1];
  return said === undefined ? 'No customer line in the compose prompt' : replyTo(said);
}

/** Starts Conduct's HTTP app (CORS `*`) over an in-memory store, recording every request. */
export async function startWidgetApi(options: WidgetApiOptions = {}): Promise<WidgetApi> {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel().on('compose', echoLatestCustomerLine),
    strategies: [keywordStrategy()],
  });
  const app = createConductApp({ conduct, ...(options.auth ? { auth: options.auth } : {}) });
  const calls: RecordedCall[] = [];
  // The bindings carry the socket, which policies limiting per client IP need.
  const record = async (
    request: Request,
    bindings: HttpBindings | Http2Bindings,
  ): Promise<Response> => {
    const url = new URL(request.url);
    const call: RecordedCall = {
      method: request.method,
      url: `${url.pathname}${url.search}`,
      origin: request.headers.get('origin'),
      requestHeaders: request.headers.get('access-control-request-headers'),
    };
    calls.push(call);
    const response = await app.fetch(request, bindings);
    call.status = response.status;
    call.allowOrigin = response.headers.get('access-control-allow-origin');
    call.allowHeaders = response.headers.get('access-control-allow-headers');
    return response;
  };
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: record, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers: Record<string, string> = options.apiKey
    ? { authorization: `Bearer ${options.apiKey}` }
    : {};
  const get = <T>(path: string) => json<T>(`${url}${path}`, { method: 'GET', headers });
  return {
    url,
    calls,
    get,
    post: (path, body) =>
      json(`${url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async waitForReply(sessionId, text) {
      let offset = 0;
      for (;;) {
        const events = await get<WireMessage[]>(
          `/sessions/${sessionId}/events?min_offset=${offset}&wait_for_data=10`,
        );
        if (events.some((e) => e.source === 'ai_agent' && e.data.message === text)) return;
        const last = events.at(-1);
        if (last) offset = last.offset + 1;
      }
    },
    async close() {
      // Open long-polls would otherwise hold `close` for up to a minute.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await conduct.close();
    },
  };
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${url} failed: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
