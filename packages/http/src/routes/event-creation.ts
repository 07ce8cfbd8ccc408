import {
  type Event,
  generateTraceId,
  type NewEvent,
  type Session,
  statusEventDataSchema,
} from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, authorize, authorizeSession, services } from '../app-env.js';
import type { Operation } from '../auth.js';
import { eventDto } from '../dto/event.js';
import { HttpError } from '../errors.js';
import { ensureModerationAvailable, moderateMessage } from '../moderation/moderate-message.js';
import { parseBody, parseQuery, peekBody, peekedField } from '../validation.js';
import { requestAgentTurn } from './event-creation-agent.js';
import {
  type EventCreationParams,
  eventCreationQuery,
  eventCreationSchema,
  isTruthy,
} from './event-creation-schema.js';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyFor,
  idempotencyKeyOf,
} from './idempotency-key.js';
import { ignoreTurnOutcome } from './turn-outcome.js';

const MISSING_MESSAGE = "Missing 'message' field for event";

function unprocessable(detail: string): never {
  throw new HttpError(422, detail);
}

/**
 * The reference's operation for a kind/source pair (docs/compatibility.md#creating-events);
 * `undefined` for pairs that cannot be created.
 */
function operationOf(kind: unknown, source: unknown): Operation | undefined {
  if (kind === 'custom') return 'CREATE_CUSTOM_EVENT';
  if (kind === 'status') return 'CREATE_STATUS_EVENT';
  if (kind !== 'message') return undefined;
  switch (source) {
    case 'customer':
      return 'CREATE_CUSTOMER_EVENT';
    case 'ai_agent':
      return 'CREATE_AGENT_EVENT';
    case 'human_agent':
      return 'CREATE_HUMAN_AGENT_EVENT';
    case 'human_agent_on_behalf_of_ai_agent':
      return 'CREATE_HUMAN_AGENT_ON_BEHALF_OF_AI_AGENT_EVENT';
    default:
      return undefined;
  }
}

/** {@link operationOf} a validated body; 422 for pairs that cannot be created. */
function operationFor(params: EventCreationParams): Operation {
  if (params.kind === 'tool') unprocessable('Tool events cannot be created through the API');
  return (
    operationOf(params.kind, params.source) ??
    unprocessable(`Message events cannot have source '${params.source}'`)
  );
}

/**
 * The operations a body as sent asks for, checked before it is validated. A body that names no
 * creatable kind/source asks for the least one, `CREATE_CUSTOMER_EVENT`: a caller who may not
 * even do that gets 403 whatever it sent; one who may gets the validation error.
 */
function requestedOperations(raw: unknown): Operation[] {
  const operation =
    operationOf(peekedField(raw, 'kind'), peekedField(raw, 'source')) ?? 'CREATE_CUSTOMER_EVENT';
  const participant = peekedField(raw, 'participant');
  return operation === 'CREATE_CUSTOMER_EVENT' && participant !== undefined && participant !== null
    ? [operation, 'OVERRIDE_CUSTOMER_PARTICIPANT']
    : [operation];
}

function requireMessage(params: EventCreationParams): string {
  const message = params.message ?? '';
  if (message.trim() === '') unprocessable(MISSING_MESSAGE);
  return message;
}

/** Status event data as the wire carries it; the engine's statuses require some `data` fields. */
function statusData(params: EventCreationParams): unknown {
  if (!params.status) unprocessable("Missing 'status' field for status event");
  const data = params.data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    unprocessable("The 'data' field of a status event must be an object");
  }
  const parsed = statusEventDataSchema.safeParse({ status: params.status, data });
  if (!parsed.success) {
    throw new HttpError(
      422,
      parsed.error.issues.map((issue) => {
        const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
        return {
          type: missing ? 'missing' : issue.code,
          loc: ['body', ...issue.path.map(String)],
          msg: `${missing ? 'Field required' : issue.message} for status '${params.status}'`,
          input: params.data,
        };
      }),
    );
  }
  return parsed.data;
}

/** The event to store for every kind/source that is stored as given (all but customer/ai_agent). */
async function storedEvent(
  c: Context<AppEnv>,
  params: EventCreationParams,
  session: Session,
  traceId: string,
): Promise<NewEvent> {
  const base = {
    source: params.source,
    traceId,
    ...(params.metadata ? { metadata: params.metadata } : {}),
  };
  if (params.kind === 'custom') {
    if (!isTruthy(params.data)) unprocessable("Missing 'data' field for custom event");
    return { ...base, kind: 'custom', data: params.data };
  }
  if (params.kind === 'status')
    return { ...base, kind: 'status', data: statusData(params) } as NewEvent;
  const message = requireMessage(params);
  if (params.source === 'human_agent') {
    if (!params.participant?.display_name) {
      unprocessable("Missing 'participant' with a 'display_name' for a human agent message");
    }
    const participant = {
      id: params.participant.id ?? null,
      display_name: params.participant.display_name,
    };
    return { ...base, kind: 'message', data: { message, participant } };
  }
  const agent = await services(c).store.agents.find(session.agentId);
  const participant = { id: session.agentId, display_name: agent?.name ?? session.agentId };
  return { ...base, kind: 'message', data: { message, participant } };
}

/**
 * `POST /sessions/{id}/events` (docs/compatibility.md#creating-events). A customer message is
 * stored and answered by a background turn; the 201 comes back at once with the stored message.
 * Human-agent, on-behalf, status and custom events are stored as given and never trigger the
 * engine.
 *
 * `moderation` (docs/compatibility.md#moderation) applies to customer messages: `auto` asks the
 * app's moderator, `paranoid` also its jailbreak detector; a flagged message is stored with
 * `flagged: true` and category `tags`, and the engine sees it as withheld. Asking for a check the
 * app cannot do is a 422; a failing check is a 503; either way nothing is stored.
 *
 * With an `Idempotency-Key` header, the event is stored at most once per key in the session
 * (the store enforces it, across processes): a retry of the same request gets the stored event
 * back (201, `Idempotent-Replayed: true`) without moderating it again or starting a second
 * turn; the key with a different request is a 422.
 */
export async function createEvent(c: Context<AppEnv>, sessionId: string): Promise<Response> {
  // Authorization first, then the session (a session the caller may not use answers like a
  // missing one), then validation: callers learn nothing from a body they may not send.
  const requested = requestedOperations(await peekBody(c));
  for (const operation of requested) await authorize(c, operation);
  const { store, engine } = services(c);
  const session = await store.sessions.get(sessionId);
  await authorizeSession(c, requested[0] as Operation, session);
  const key = idempotencyKeyOf(c);
  const query = parseQuery(c, eventCreationQuery);
  const params = await parseBody(c, eventCreationSchema);
  const moderation = query.moderation;
  const isCustomerMessage = params.kind === 'message' && params.source === 'customer';
  // Validation does not change kind, source or participant, so these are what was authorized;
  // checked again so that a future transform in the schema cannot skip authorization.
  const operation = operationFor(params);
  if (!requested.includes(operation)) {
    await authorize(c, operation);
    await authorizeSession(c, operation, session);
  }
  if (
    isCustomerMessage &&
    params.participant &&
    !requested.includes('OVERRIDE_CUSTOMER_PARTICIPANT')
  ) {
    await authorize(c, 'OVERRIDE_CUSTOMER_PARTICIPANT');
  }
  if (isCustomerMessage) ensureModerationAvailable(c.get('moderation'), moderation);
  const traceId = generateTraceId();
  const idempotency = await idempotencyFor(key, { query, body: params });
  let event: Event;
  let replayed = false;
  if (isCustomerMessage) {
    const message = requireMessage(params);
    // A retry of a stored message keeps the first verdict: no second (paid, fallible) check.
    const stored = idempotency && (await store.events.findByIdempotencyKey(sessionId, idempotency));
    const verdict = stored
      ? undefined
      : await moderateMessage(c.get('moderation'), moderation, message, traceId, c.req.raw.signal);
    const posted = await engine.postCustomerMessage(sessionId, {
      message,
      traceId,
      ...(verdict?.flagged ? { moderation: verdict } : {}),
      ...(idempotency ? { idempotency } : {}),
      ...(params.participant
        ? {
            participant: {
              id: params.participant.id ?? null,
              display_name: params.participant.display_name,
            },
          }
        : {}),
      ...(params.metadata ? { metadata: params.metadata } : {}),
    });
    ignoreTurnOutcome(posted.turn);
    ({ event, replayed } = posted);
  } else if (params.kind === 'message' && params.source === 'ai_agent') {
    if (params.message) unprocessable("An 'ai_agent' message event must not carry a 'message'");
    // It stores nothing itself (it starts a turn): there is no event a retry could get back.
    if (idempotency) {
      unprocessable(
        `The ${IDEMPOTENCY_KEY_HEADER} header is not supported on a request for an agent response ('ai_agent' message); send it without the header`,
      );
    }
    event = await requestAgentTurn(c, session, params, traceId);
  } else {
    const toStore = await storedEvent(c, params, session, traceId);
    if (idempotency) {
      ({ event, replayed } = await store.events.appendOnce(sessionId, toStore, idempotency));
    } else {
      event = await store.events.append(sessionId, toStore);
    }
  }
  if (replayed) c.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return c.json(eventDto(event), 201);
}
