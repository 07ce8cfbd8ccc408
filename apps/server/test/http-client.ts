import { createServer } from 'node:net';

/** An event as the REST API returns it (the fields the tests read). */
export interface WireEvent {
  id: string;
  kind: string;
  source: string;
  offset: number;
  trace_id: string;
  // biome-ignore lint/suspicious/noExplicitAny: event data differs per kind; tests read it loosely.
  data: any;
}

/** Sends JSON and returns the status and the parsed body. */
export async function request<T = unknown>(
  url: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/**
 * Creates a session for `agentId` (for `customer`, created first, or the guest) and posts one
 * customer message; returns the session id.
 */
export async function startConversation(
  baseUrl: string,
  agentId: string,
  message: string,
  customer?: { id: string; name: string },
) {
  if (customer !== undefined) {
    const created = await request(`${baseUrl}/customers`, 'POST', customer);
    if (created.status !== 201)
      throw new Error(`create customer: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const session = await request<{ id: string }>(`${baseUrl}/sessions`, 'POST', {
    agent_id: agentId,
    ...(customer === undefined ? {} : { customer_id: customer.id }),
  });
  if (session.status !== 201)
    throw new Error(`create session: ${session.status} ${JSON.stringify(session.body)}`);
  const posted = await request<WireEvent>(`${baseUrl}/sessions/${session.body.id}/events`, 'POST', {
    kind: 'message',
    source: 'customer',
    message,
  });
  if (posted.status !== 201)
    throw new Error(`post message: ${posted.status} ${JSON.stringify(posted.body)}`);
  return { sessionId: session.body.id, customerEvent: posted.body };
}

/**
 * Long-polls the session's events (as a client would) until the turn's `ready` status, and
 * returns every event after `minOffset`.
 */
export async function longPollTurn(baseUrl: string, sessionId: string, minOffset: number) {
  const events: WireEvent[] = [];
  let next = minOffset;
  for (let attempt = 0; attempt < 50; attempt++) {
    const page = await request<WireEvent[]>(
      `${baseUrl}/sessions/${sessionId}/events?min_offset=${next}&wait_for_data=10`,
    );
    if (page.status !== 200)
      throw new Error(`long-poll: ${page.status} ${JSON.stringify(page.body)}`);
    events.push(...page.body);
    next = Math.max(next, ...page.body.map((event) => event.offset + 1));
    if (events.some((event) => event.kind === 'status' && event.data.status === 'ready'))
      return events;
  }
  throw new Error('the turn never reached ready');
}

/** A 127.0.0.1 port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** `kind` of each event, with the status name for statuses: `status:typing`, `message`, `tool`. */
export function timeline(events: readonly WireEvent[]): string[] {
  return events.map((event) =>
    event.kind === 'status' ? `status:${event.data.status}` : `${event.kind}`,
  );
}
