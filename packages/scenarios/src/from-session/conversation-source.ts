import type { ConductStore, Event, TurnRecord } from '@conduct/core';
import { RestClient } from '../targets/http/rest-client.js';
import { turnRecordFromDto } from '../targets/http/turn-record-from-dto.js';
import { eventFromWire, type WireEvent, type WireSession } from '../targets/http/wire-event.js';
import type { ConversationFeedback } from './apply-feedback.js';

/** A stored conversation: the session, its events in order, and its decision records by trace. */
export interface StoredConversation {
  session: { id: string; agentId: string; customerId: string; title: string | null };
  /** The session's events (deleted ones left out), oldest first. */
  events: Event[];
  /** The decision records of the turns under `traceId`, oldest first (none when no turn ran). */
  records(traceId: string): Promise<TurnRecord[]>;
  /** Feedback on the session's agent messages, oldest first (none when absent). */
  feedback?: ConversationFeedback[];
}

/** Reads a stored conversation from a store (an engine in this process, or a database). */
export async function conversationFromStore(
  store: Pick<ConductStore, 'sessions' | 'events' | 'turns' | 'feedback'>,
  sessionId: string,
): Promise<StoredConversation> {
  const session = await store.sessions.get(sessionId);
  return {
    session: {
      id: session.id,
      agentId: session.agentId,
      customerId: session.customerId,
      title: session.title,
    },
    events: await store.events.list(sessionId),
    records: (traceId) => store.turns.list(sessionId, { traceId }),
    feedback: (await store.feedback.list({ sessionId })).items,
  };
}

/** Options of {@link conversationFromServer}. */
export interface ConversationFromServerOptions {
  url: string;
  sessionId: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

/**
 * Reads a stored conversation from a running server through its REST API (the session, its
 * events, its feedback — `LIST_FEEDBACK` — and each trace's decision records — `READ_TRACE`).
 */
export async function conversationFromServer(
  options: ConversationFromServerOptions,
): Promise<StoredConversation> {
  const client = new RestClient({
    url: options.url,
    ...(options.apiKey === undefined
      ? {}
      : { headers: { authorization: `Bearer ${options.apiKey}` } }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const path = `/sessions/${options.sessionId}`;
  const session = await client.request<WireSession>({ method: 'GET', path });
  const events = await client.request<WireEvent[]>({
    method: 'GET',
    path: `${path}/events`,
    query: { wait_for_data: 0 },
  });
  const feedback = await client.request<WireFeedback[]>({
    method: 'GET',
    path: `${path}/feedback`,
  });
  return {
    session: {
      id: session.id,
      agentId: session.agent_id,
      customerId: session.customer_id,
      title: session.title,
    },
    events: events.map((event) => eventFromWire(event, session.id)),
    feedback: feedback.map(feedbackFromWire),
    async records(traceId) {
      const trace = await client.send({ method: 'GET', path: `${path}/traces/${traceId}` });
      // No turn ran under this trace (a message in manual mode): nothing to expect from it.
      if (trace.status === 404) return [];
      const body = await client.read<{ turns: unknown[] }>(trace, {
        method: 'GET',
        path: `${path}/traces/${traceId}`,
      });
      return body.turns.map(turnRecordFromDto);
    },
  };
}

interface WireToolId {
  service_name: string;
  tool_name: string;
}

/** Feedback as `GET /sessions/{id}/feedback` lists it (the fields the export reads). */
interface WireFeedback {
  event_id: string;
  rating: 'good' | 'bad';
  comment: string | null;
  corrections: {
    guidelines: { should_match: string[]; should_not_match: string[] };
    expected_reply: string | null;
    tools: { should_call: WireToolId[]; should_not_call: WireToolId[] };
  };
}

function feedbackFromWire(feedback: WireFeedback): ConversationFeedback {
  const { guidelines, tools, expected_reply } = feedback.corrections;
  const ref = (tool: WireToolId) => `${tool.service_name}:${tool.tool_name}`;
  return {
    eventId: feedback.event_id,
    rating: feedback.rating,
    comment: feedback.comment,
    corrections: {
      guidelines: {
        shouldMatch: guidelines.should_match,
        shouldNotMatch: guidelines.should_not_match,
      },
      expectedReply: expected_reply,
      tools: {
        shouldCall: tools.should_call.map(ref),
        shouldNotCall: tools.should_not_call.map(ref),
      },
    },
  };
}
