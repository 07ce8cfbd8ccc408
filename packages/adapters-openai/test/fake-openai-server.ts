import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake server received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the `/v1` prefix, e.g. `/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are asserted field by field.
  body: any;
}

/** Answers one request; `index` counts requests from 0. Never answering is allowed (hangs). */
export type Handler = (
  request: RecordedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A local server speaking OpenAI's wire format on 127.0.0.1. */
export interface FakeOpenAIServer {
  /** Base URL to give the adapter, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a fake OpenAI server on an ephemeral port. */
export async function startFakeOpenAI(handler: Handler): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '').replace(/^\/v1/, ''),
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
      };
      requests.push(recorded);
      const index = requests.length - 1;
      (async () => handler(recorded, res, index))().catch((error: unknown) => {
        // A broken test handler fails the request instead of leaving it (and the test) hanging.
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Usage as OpenAI reports it. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

/** The usage every reply reports unless told otherwise. */
export const DEFAULT_USAGE: WireUsage = {
  prompt_tokens: 20,
  completion_tokens: 8,
  total_tokens: 28,
  prompt_tokens_details: { cached_tokens: 0 },
};

/** Sends a JSON body. */
export function replyJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends an OpenAI error body `{ error: { message, type, code } }`. */
export function replyError(
  res: ServerResponse,
  status: number,
  message: string,
  options: { type?: string; code?: string | null; headers?: Record<string, string> } = {},
): void {
  const type = options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  replyJson(
    res,
    status,
    { error: { message, type, param: null, code: options.code ?? null } },
    options.headers,
  );
}

/** Options of a completion reply. */
export interface CompletionReply {
  content?: string | null;
  refusal?: string | null;
  usage?: WireUsage;
  model?: string;
}

/** Sends a non-streamed `chat.completion`. */
export function replyCompletion(res: ServerResponse, reply: CompletionReply): void {
  replyJson(res, 200, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: reply.model ?? 'gpt-fake-2025-01-01',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          refusal: reply.refusal ?? null,
        },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: reply.usage ?? DEFAULT_USAGE,
  });
}

/**
 * Streams `chunks` as `chat.completion.chunk` SSE events: a role delta, the content deltas, a
 * finish chunk (`finishReason`, default `stop`), the usage chunk (empty `choices`), then
 * `data: [DONE]`. After the content deltas, `stall` never ends the response, `drop: 'close'`
 * ends it cleanly without the rest, and `drop: 'reset'` destroys the connection.
 */
export function replyStream(
  res: ServerResponse,
  chunks: readonly string[],
  options: {
    usage?: WireUsage;
    stall?: boolean;
    model?: string;
    finishReason?: string;
    drop?: 'close' | 'reset';
  } = {},
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const model = options.model ?? 'gpt-fake-2025-01-01';
  const event = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices, ...extra })}\n\n`;
  const delta = (content: Record<string, unknown>, finish: string | null = null) => ({
    index: 0,
    delta: content,
    finish_reason: finish,
    logprobs: null,
  });
  res.write(event([delta({ role: 'assistant', content: '' })]));
  for (const chunk of chunks) res.write(event([delta({ content: chunk })]));
  if (options.stall) return;
  if (options.drop === 'close') {
    res.end();
    return;
  }
  if (options.drop === 'reset') {
    // Let the deltas reach the client first, then cut the connection as a network failure would.
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  res.write(event([delta({}, options.finishReason ?? 'stop')]));
  res.write(event([], { usage: options.usage ?? DEFAULT_USAGE }));
  res.end('data: [DONE]\n\n');
}

/** Answers a chat request with `text`: streamed if the request asked for a stream. */
export function replyText(
  res: ServerResponse,
  request: RecordedRequest,
  text: string,
  usage?: WireUsage,
): void {
  if (request.body?.stream) replyStream(res, [text], usage ? { usage } : {});
  else replyCompletion(res, { content: text, ...(usage ? { usage } : {}) });
}
