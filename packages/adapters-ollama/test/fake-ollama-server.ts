import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (`undefined` for bodiless requests). */
  body: Record<string, unknown> | undefined;
}

/** Answers one request; may leave `res` open to simulate a server that never answers. */
export type FakeHandler = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/** A running fake Ollama on 127.0.0.1. */
export interface FakeOllama {
  url: string;
  requests: RecordedRequest[];
  /** Requests to `path`, e.g. `/api/chat`. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a fake Ollama on an ephemeral port that hands every request to `handler`. */
export async function startFakeOllama(handler: FakeHandler): Promise<FakeOllama> {
  const requests: RecordedRequest[] = [];
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: req.headers,
      body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
    };
    requests.push(request);
    await handler(request, res);
  };
  const server = createServer((req, res) => {
    // Reading the body or the handler failed (an aborted request, a broken test handler).
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging and stalled responses keep sockets open; they must not keep the test waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Finds a port nothing listens on (bound, then released), for connection-refused tests. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const CREATED_AT = '2025-06-01T12:00:00.000000Z';

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Sends Ollama's error shape `{"error": message}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error: message }));
}

/** Token counts the fake reports. */
export interface FakeCounts {
  promptEvalCount: number;
  evalCount: number;
}

const DEFAULT_COUNTS: FakeCounts = { promptEvalCount: 26, evalCount: 12 };

/** The final fields of a chat answer, as Ollama writes them. */
function doneFields(counts: FakeCounts) {
  return {
    done: true,
    done_reason: 'stop',
    total_duration: 4_883_583_458,
    load_duration: 1_334_875,
    prompt_eval_count: counts.promptEvalCount,
    prompt_eval_duration: 342_546_000,
    eval_count: counts.evalCount,
    eval_duration: 4_535_599_000,
  };
}

/** Answers a non-streamed `/api/chat` with `content`. */
export function sendChat(
  res: ServerResponse,
  model: string,
  content: string,
  counts: FakeCounts = DEFAULT_COUNTS,
): void {
  sendJson(res, 200, {
    model,
    created_at: CREATED_AT,
    message: { role: 'assistant', content },
    ...doneFields(counts),
  });
}

/**
 * Streams `chunks` as NDJSON lines of a `/api/chat` answer, then the final `done` line (with
 * `doneReason`, default `stop`) — or, after the chunks, `stall` leaves the stream open and
 * `reset` destroys the connection.
 */
export async function streamChat(
  res: ServerResponse,
  model: string,
  chunks: readonly string[],
  options: {
    stall?: boolean;
    reset?: boolean;
    counts?: FakeCounts;
    delayMs?: number;
    doneReason?: string;
  } = {},
): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const content of chunks) {
    const line = {
      model,
      created_at: CREATED_AT,
      message: { role: 'assistant', content },
      done: false,
    };
    res.write(`${JSON.stringify(line)}\n`);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  }
  if (options.stall) return;
  if (options.reset) {
    // Let the chunks reach the client first, then cut the connection.
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  const last = {
    model,
    created_at: CREATED_AT,
    message: { role: 'assistant', content: '' },
    ...doneFields(options.counts ?? DEFAULT_COUNTS),
    ...(options.doneReason === undefined ? {} : { done_reason: options.doneReason }),
  };
  res.end(`${JSON.stringify(last)}\n`);
}

/** A deterministic vector per text: the same text always gets the same vector. */
export function fakeVector(text: string, dimensions = 8): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (let index = 0; index < text.length; index++) {
    const slot = index % dimensions;
    vector[slot] = (vector[slot] ?? 0) + ((text.charCodeAt(index) * (index + 1)) % 97) / 97;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** Answers `/api/embed` with one {@link fakeVector} per input. */
export function sendEmbeddings(res: ServerResponse, request: RecordedRequest): void {
  const body = request.body ?? {};
  const input = body.input;
  const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
  sendJson(res, 200, {
    model: body.model,
    embeddings: texts.map((text) => fakeVector(text)),
    total_duration: 14_143_917,
    load_duration: 1_019_500,
    prompt_eval_count: texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
  });
}

/**
 * Starts fake servers for one test file and closes them after each test, so a failing test
 * never leaves a socket open.
 */
export function fakeOllamaPool(afterEach: (fn: () => Promise<void>) => void) {
  const open: FakeOllama[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler: FakeHandler): Promise<FakeOllama> => {
    const server = await startFakeOllama(handler);
    open.push(server);
    return server;
  };
}

/** The content of the first chat message of a recorded `/api/chat` request. */
export function firstMessage(request: RecordedRequest): string | undefined {
  const messages = request.body?.messages;
  if (!Array.isArray(messages)) return undefined;
  const first: unknown = messages[0];
  return typeof first === 'object' && first !== null && 'content' in first
    ? String(first.content)
    : undefined;
}
