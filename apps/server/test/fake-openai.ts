import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the fake received it. */
export interface FakeRequest {
  /** `json_schema` name for structured calls (the task), `stream` for streamed text. */
  kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: the body is OpenAI's wire format, read loosely.
  body: any;
}

/** A fake OpenAI-compatible server on 127.0.0.1 that answers Conduct's tasks plausibly. */
export interface FakeOpenAI {
  /** Base URL for `OPENAI_BASE_URL`, ending in `/v1`. */
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

// Which guideline conditions a customer message is about, by keyword: enough for the scenarios
// the tests run, deliberately not a matcher.
const TOPICS: [RegExp, string][] = [
  [/\border\b/i, 'status of an order'],
  [/\breturn\b/i, 'wants to return a product'],
  [/\bwarranty\b/i, 'warranty of a product'],
  [/\b(human|person|manager)\b/i, 'talk to a human'],
];

const MATCHES_ONLY = new Set([
  'observation',
  'actionable',
  'reapply',
  'reapply_customer_dependent',
]);

/** Starts the fake on an ephemeral port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      if (!req.url?.endsWith('/chat/completions'))
        return reply(res, 404, { error: { message: 'not found' } });
      const body = JSON.parse(raw);
      const kind = body.stream ? 'stream' : String(body.response_format?.json_schema?.name);
      requests.push({ kind, body });
      const prompt: string = body.messages
        .map((m: { content: unknown }) => String(m.content))
        .join('\n');
      if (body.stream) return stream(res, composeReply(prompt));
      const answer = answerFor(kind, body);
      if (answer === undefined)
        return reply(res, 400, { error: { message: `unexpected task ${kind}` } });
      return reply(res, 200, completion(JSON.stringify(answer)));
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

// biome-ignore lint/suspicious/noExplicitAny: see FakeRequest.
function answerFor(kind: string, body: any): unknown {
  const last: string = String(body.messages.at(-1)?.content ?? '');
  const items = [...last.matchAll(/^(\d+)\. (.*)$/gm)].map((m) => ({
    n: Number(m[1]),
    text: m[2]!,
  }));
  const customer = latestCustomerLine(last);
  if (MATCHES_ONLY.has(kind)) {
    const topics = TOPICS.filter(([word]) => word.test(customer)).map(([, phrase]) => phrase);
    const applies = items.filter((item) =>
      topics.some((phrase) => conditionOf(item.text).includes(phrase)),
    );
    // Small batches are asked for a verdict on every item instead of the list of matches.
    if (body.response_format?.json_schema?.schema?.properties?.items !== undefined) {
      return {
        items: items.map(({ n }) => ({
          n,
          reason: 'the customer asks about this',
          applies: applies.some((item) => item.n === n),
        })),
      };
    }
    return { applies: applies.map(({ n }) => ({ n, why: 'the customer asks about this' })) };
  }
  if (kind === 'low_criticality') return { applies: [] };
  if (kind === 'classify_guideline') {
    return {
      items: items.map(({ n }) => ({
        n,
        reason: 'a one-off step the agent takes alone',
        customerDependent: false,
        continuous: false,
        agentIntention: false,
      })),
    };
  }
  if (kind === 'response_analysis') {
    return { checks: items.map(({ n }) => ({ n, why: 'the reply did it', applied: true })) };
  }
  if (kind === 'tool_calls') {
    const schema = body.response_format.json_schema.schema;
    const parameters = Object.keys(
      schema.properties.calls.items.properties.arguments.properties ?? {},
    );
    const orderId = /VM-\d{5}/.exec(latestCustomerLine(promptOf(body)))?.[0];
    const onlyOrder = parameters.length === 1 && parameters[0] === 'order_id';
    return onlyOrder && orderId
      ? {
          reason: `the customer asks about ${orderId}`,
          calls: [{ arguments: { order_id: orderId } }],
        }
      : { reason: 'no order number in the latest message', calls: [] };
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: see FakeRequest.
function promptOf(body: any): string {
  return body.messages.map((message: { content: unknown }) => String(message.content)).join('\n');
}

/** What the customer said last, as the engine renders conversations (`Customer (name): text`). */
function latestCustomerLine(prompt: string): string {
  return [...prompt.matchAll(/^Customer \([^)]*\): (.*)$/gm)].at(-1)?.[1] ?? '';
}

function conditionOf(item: string): string {
  return (/^WHEN (.*?)(?: THEN |$)/.exec(item)?.[1] ?? item).toLowerCase();
}

function composeReply(prompt: string): string {
  const order = /VM-\d{5}/.exec(latestCustomerLine(prompt))?.[0];
  if (order !== undefined && /shipped/.test(prompt)) {
    return `Good news: order ${order} has shipped with UPS and is on its way. Tracking number: 1Z999AA10123456784.`;
  }
  return 'Thanks for contacting Voltmart! Could you tell me your order number?';
}

function completion(content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
  };
}

function stream(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-fake', choices, ...extra })}\n\n`,
    );
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  for (const word of text.split(/(?<= )/))
    chunk([{ index: 0, delta: { content: word }, finish_reason: null }]);
  chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
  chunk([], { usage: { prompt_tokens: 300, completion_tokens: 25, total_tokens: 325 } });
  res.end('data: [DONE]\n\n');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
