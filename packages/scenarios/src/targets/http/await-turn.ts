import { TimeoutError, type TurnRecord } from '@conduct/core';
import type { ObservedTurn, ObservedTurnStatus } from '../../target.js';
import { type RestClient, ServerResponseError } from './rest-client.js';
import { turnRecordFromDto } from './turn-record-from-dto.js';
import { eventFromWire, isFinalReady, statusOf, type WireEvent } from './wire-event.js';

/** The longest single long-poll: servers cap `wait_for_data` anyway, and a cut poll is retried. */
const MAX_POLL_SECONDS = 30;

/** Options of {@link awaitTurn}. */
export interface AwaitTurnOptions {
  client: RestClient;
  sessionId: string;
  traceId: string;
  /** Offset of the customer message: the turn's events come after it. */
  fromOffset: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** How long to wait for the decision record after the final `ready` (it is saved just after). */
  recordWaitMs: number;
}

/**
 * Long-polls the trace's status events until the `ready` that ends the turn, then reads every
 * event of the trace and its decision record.
 */
export async function awaitTurn(options: AwaitTurnOptions): Promise<ObservedTurn> {
  const { client, sessionId, traceId } = options;
  const deadline = Date.now() + options.timeoutMs;
  let minOffset = options.fromOffset + 1;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new TimeoutError(
        `Waiting for the turn of trace ${traceId} in session ${sessionId}`,
        options.timeoutMs,
      );
    }
    const wait = Math.max(1, Math.min(MAX_POLL_SECONDS, Math.floor(left / 1000)));
    const response = await client.send({
      method: 'GET',
      path: `/sessions/${sessionId}/events`,
      query: { trace_id: traceId, kinds: 'status', min_offset: minOffset, wait_for_data: wait },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    // 504: nothing came within `wait`; ask again until our own deadline.
    if (response.status === 504) {
      await response.body?.cancel();
      continue;
    }
    const statuses = await client.read<WireEvent[]>(response, {
      method: 'GET',
      path: `/sessions/${sessionId}/events`,
    });
    if (statuses.some(isFinalReady)) break;
    const last = statuses.at(-1);
    if (last !== undefined) minOffset = last.offset + 1;
  }
  const events = await client.request<WireEvent[]>({
    method: 'GET',
    path: `/sessions/${sessionId}/events`,
    query: { trace_id: traceId, wait_for_data: 0 },
  });
  return observe({ events, sessionId, traceId, record: await readRecord(options) });
}

/** What the trace's events say about the turn. */
export function observe(input: {
  events: WireEvent[];
  sessionId: string;
  traceId: string;
  record: TurnRecord | undefined;
}): ObservedTurn {
  const { events, sessionId, traceId, record } = input;
  const messages = events
    .filter((event) => event.kind === 'message' && event.source === 'ai_agent')
    .map((event) => event.data as { message: string; tags?: string[] });
  const replies = messages.filter((message) => !(message.tags ?? []).includes('__preamble__'));
  const failure = events.find((event) => statusOf(event) === 'error');
  const cancelled = events.some((event) => statusOf(event) === 'cancelled');
  let status: ObservedTurnStatus = replies.length > 0 ? 'answered' : 'no-reply';
  if (cancelled) status = 'cancelled';
  if (failure !== undefined) status = 'error';
  const error = (failure?.data as { data?: { exception?: string } } | undefined)?.data?.exception;
  return {
    traceId,
    status,
    messages: messages.map((message) => message.message),
    ...(error === undefined ? {} : { error }),
    events: events.map((event) => eventFromWire(event, sessionId)),
    record,
  };
}

/**
 * The last decision record under the trace. The server saves it just after the final `ready`,
 * so a 404 or a record still `running` is asked again for a short while.
 */
async function readRecord(options: AwaitTurnOptions): Promise<TurnRecord | undefined> {
  const { client, sessionId, traceId } = options;
  const until = Date.now() + options.recordWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const trace = await client.request<{ turns: unknown[] }>({
        method: 'GET',
        path: `/sessions/${sessionId}/traces/${traceId}`,
      });
      const last = trace.turns.at(-1);
      if (last !== undefined) {
        const record = turnRecordFromDto(last);
        if (record.status !== 'running' || Date.now() >= until) return record;
      }
    } catch (error) {
      // 403: this key may not read traces (READ_TRACE); the turn is still observed without it.
      if (ServerResponseError.is(error) && error.status === 403) return undefined;
      if (!(ServerResponseError.is(error) && error.status === 404) || Date.now() >= until)
        throw error;
    }
    if (Date.now() >= until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 20 * 2 ** attempt)));
  }
}
