import {
  type Event,
  type Feedback,
  feedbackRatingSchema,
  formatToolRef,
  NotFoundError,
  type Session,
} from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, authorizedSession, services } from '../app-env.js';
import type { Operation } from '../auth.js';
import { HttpError, type ValidationDetail } from '../errors.js';
import { parseBody, peekBody, peekedField } from '../validation.js';
import { toolRegistryOf } from './checks.js';

const MAX_ITEMS = 100;

/** A tool id as the wire spells it, each part a name without `:` or whitespace. */
const toolIdSchema = z.object({
  service_name: z.string().regex(/^[^:\s]+$/, 'must be a name without ":" or whitespace'),
  tool_name: z.string().regex(/^[^:\s]+$/, 'must be a name without ":" or whitespace'),
});

/** Reports each entry of `no` that is also in `yes`, at its place in `no`. */
function refuseOverlap(options: {
  yes: readonly string[];
  no: readonly string[];
  context: z.RefinementCtx;
  path: (string | number)[];
}): void {
  const wanted = new Set(options.yes);
  for (const [index, item] of options.no.entries()) {
    if (!wanted.has(item)) continue;
    options.context.addIssue({
      code: 'custom',
      path: [...options.path, index],
      message: `'${item}' cannot be in both lists`,
    });
  }
}

const toolKey = (tool: z.output<typeof toolIdSchema>) =>
  formatToolRef(tool.service_name, tool.tool_name);

/** What should have happened instead, as the wire spells it (every part optional). */
const correctionsSchema = z
  .object({
    guidelines: z
      .object({
        should_match: z.array(z.string().min(1)).max(MAX_ITEMS).optional(),
        should_not_match: z.array(z.string().min(1)).max(MAX_ITEMS).optional(),
      })
      .optional(),
    expected_reply: z.string().trim().min(1).max(10_000).nullish(),
    tools: z
      .object({
        should_call: z.array(toolIdSchema).max(MAX_ITEMS).optional(),
        should_not_call: z.array(toolIdSchema).max(MAX_ITEMS).optional(),
      })
      .optional(),
  })
  .superRefine((corrections, context) => {
    refuseOverlap({
      yes: corrections.guidelines?.should_match ?? [],
      no: corrections.guidelines?.should_not_match ?? [],
      context,
      path: ['guidelines', 'should_not_match'],
    });
    refuseOverlap({
      yes: (corrections.tools?.should_call ?? []).map(toolKey),
      no: (corrections.tools?.should_not_call ?? []).map(toolKey),
      context,
      path: ['tools', 'should_not_call'],
    });
  });

/** The body of `POST /sessions/{session_id}/feedback`. */
export const feedbackCreationSchema = z.object({
  event_id: z.string().min(1).describe('The `ai_agent` message judged'),
  rating: feedbackRatingSchema,
  comment: z.string().trim().min(1).max(10_000).nullish(),
  author: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullish()
    .describe('Who gives it (operators only: it makes the operation `CREATE_FEEDBACK`)'),
  corrections: correctionsSchema
    .optional()
    .describe(
      'What should have happened (operators only: it makes the operation `CREATE_FEEDBACK`)',
    ),
});

type FeedbackCreation = z.output<typeof feedbackCreationSchema>;

/**
 * The operation of a feedback body as sent: a rating and a comment are what a customer can
 * judge (`CREATE_CUSTOMER_FEEDBACK`); corrections name the behavior model's guidelines and
 * tools, and an author speaks for someone, which only operators do (`CREATE_FEEDBACK`).
 */
function operationOf(body: unknown): Operation {
  const operatorOnly = ['corrections', 'author'].some((field) => {
    const value = peekedField(body, field);
    return value !== undefined && value !== null;
  });
  return operatorOnly ? 'CREATE_FEEDBACK' : 'CREATE_CUSTOMER_FEEDBACK';
}

function unprocessableAt(loc: (string | number)[], msg: string, input: unknown): never {
  const detail: ValidationDetail = { type: 'value_error', loc: ['body', ...loc], msg, input };
  throw new HttpError(422, [detail]);
}

/** The flagged event: it must be a live `ai_agent` message of this session (else 422). */
async function flaggedMessage(c: Context<AppEnv>, session: Session, eventId: string) {
  let event: Event;
  try {
    event = await services(c).store.events.get(session.id, eventId);
  } catch (error) {
    if (!NotFoundError.is(error)) throw error;
    unprocessableAt(['event_id'], `No event '${eventId}' in session '${session.id}'`, eventId);
  }
  if (event.kind !== 'message' || event.source !== 'ai_agent' || event.deleted) {
    const what = event.deleted ? 'a deleted event' : `a ${event.kind} from ${event.source}`;
    unprocessableAt(
      ['event_id'],
      `Feedback is given on an ai_agent message; '${eventId}' is ${what}`,
      eventId,
    );
  }
  return event;
}

/** 422 for each guideline or tool the corrections name that does not exist. */
async function ensureReferencesExist(c: Context<AppEnv>, body: FeedbackCreation): Promise<void> {
  const { store } = services(c);
  const guidelines = body.corrections?.guidelines ?? {};
  for (const list of ['should_match', 'should_not_match'] as const) {
    for (const [index, id] of (guidelines[list] ?? []).entries()) {
      if ((await store.guidelines.find(id)) !== undefined) continue;
      unprocessableAt(['corrections', 'guidelines', list, index], `No guideline '${id}'`, id);
    }
  }
  const registry = toolRegistryOf(c);
  if (registry === undefined) return;
  const tools = body.corrections?.tools ?? {};
  for (const list of ['should_call', 'should_not_call'] as const) {
    for (const [index, tool] of (tools[list] ?? []).entries()) {
      if (registry.has(toolKey(tool))) continue;
      unprocessableAt(['corrections', 'tools', list, index], `No tool '${toolKey(tool)}'`, tool);
    }
  }
}

/**
 * The agent that wrote the message: the one whose turn ran under its trace (a transfer may
 * have moved the session to another agent since), else the session's.
 */
async function agentOfMessage(c: Context<AppEnv>, session: Session, event: Event) {
  const turns = await services(c).store.turns.list(session.id, { traceId: event.traceId });
  return turns.at(-1)?.agentId ?? session.agentId;
}

/**
 * `POST /sessions/{session_id}/feedback`: authorizes by what the body asks for (before it is
 * validated), checks the flagged message and every reference, and stores the feedback. A
 * request scoped to one customer is recorded with the author `customer:<id>`.
 */
export async function createFeedback(c: Context<AppEnv>, sessionId: string): Promise<Feedback> {
  const operation = operationOf(await peekBody(c));
  await authorize(c, operation);
  const session = await authorizedSession(c, operation, sessionId);
  const body = await parseBody(c, feedbackCreationSchema);
  const event = await flaggedMessage(c, session, body.event_id);
  await ensureReferencesExist(c, body);
  const scope = c.get('customerScope');
  const corrections = body.corrections;
  return services(c).store.feedback.create({
    sessionId: session.id,
    agentId: await agentOfMessage(c, session, event),
    eventId: event.id,
    traceId: event.traceId,
    rating: body.rating,
    author: scope === undefined ? (body.author ?? null) : `customer:${scope}`,
    comment: body.comment ?? null,
    corrections: {
      guidelines: {
        shouldMatch: corrections?.guidelines?.should_match ?? [],
        shouldNotMatch: corrections?.guidelines?.should_not_match ?? [],
      },
      expectedReply: corrections?.expected_reply ?? null,
      tools: {
        shouldCall: (corrections?.tools?.should_call ?? []).map(toolKey),
        shouldNotCall: (corrections?.tools?.should_not_call ?? []).map(toolKey),
      },
    },
  });
}
