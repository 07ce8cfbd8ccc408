import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received, body parsed as JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary request bodies.
  body: any;
  /** Settles when the connection of this request closes (the client hung up, or the reply ended). */
  closed: Promise<void>;
}

/** A Server-Sent Event of the Messages API stream. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** How the fake server answers one request. */
export type FakeReply =
  | { type: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  /**
   * Streams `events`; afterwards `stall` keeps the connection open without ending, `reset`
   * destroys it (a network failure mid-stream).
   */
  | { type: 'sse'; events: SseEvent[]; stall?: boolean; reset?: boolean }
  /** Never answers (no headers), until the client gives up. */
  | { type: 'hang' };

/** Decides the reply to the `index`-th request (0-based). */
export type FakeHandler = (request: RecordedRequest, index: number) => FakeReply;

/** A running fake of the Anthropic Messages API on 127.0.0.1. */
export interface FakeAnthropicServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a fake Messages API on an ephemeral port that answers with `handler`. */
export async function startFakeAnthropic(handler: FakeHandler): Promise<FakeAnthropicServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
        closed: new Promise((resolve) => res.on('close', () => resolve())),
      };
      requests.push(request);
      const reply = handler(request, requests.length - 1);
      if (reply.type === 'hang') return;
      if (reply.type === 'json') {
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          'request-id': `req_${requests.length}`,
          ...reply.headers,
        });
        res.end(JSON.stringify(reply.body));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const { event, data } of reply.events) {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      }
      // Let the events reach the client first, then cut the connection.
      if (reply.reset) setTimeout(() => res.socket?.destroy(), 20);
      else if (!reply.stall) res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
