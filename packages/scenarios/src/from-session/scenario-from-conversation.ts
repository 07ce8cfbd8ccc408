import type { Event, TurnRecord, TurnSubject } from '@conduct/core';
import { toolDisplayName } from '@conduct/core/internal';
import { applyFeedback } from './apply-feedback.js';
import type { StoredConversation } from './conversation-source.js';
import { keyPhrases } from './key-phrases.js';

/**
 * What one exported turn expects, in the scenario format: what the agent did, overridden by the
 * corrections of feedback on its reply.
 */
export interface ExportedExpectations {
  guidelines?: { matched?: string[]; notMatched?: string[] };
  tools?: {
    called?: (string | { tool: string; arguments: Record<string, unknown> })[];
    notCalled?: string[];
  };
  /** The journey by title, its state by id. */
  journey?: { name: string; state: string };
  /** Only `silent`: the message came while the session was with a human (no turn ran). */
  status?: 'silent';
  /** Key phrases of the actual reply, or a judge criterion from the reply feedback expected. */
  reply?: { contains?: string[]; judge?: string };
  /** A handoff a tool asked for; the agent a transfer moved the session to (the next turn's). */
  session?: { handedOff?: true; transferredTo?: string };
}

/** A scenario as the export writes it (the YAML format's object). */
export interface ExportedScenario {
  name: string;
  agent: string;
  customer?: string;
  turns: {
    customer: string;
    expect?: ExportedExpectations;
    /** For the reviewer, written as a YAML comment above the turn (not part of the scenario). */
    reviewNote?: string;
  }[];
}

const GUEST = 'guest';

/**
 * Turns a stored conversation into a scenario: one turn per customer message, expecting what the
 * agent did then — the guidelines it applied (by title, else id), the tools it called with their
 * arguments, where its journey stood (the state's id), a few key phrases of its reply, and a
 * handoff or transfer. A message that started no turn (the session was with a human) expects a
 * `silent` turn; a failed or cancelled turn expects nothing in particular. Feedback on a reply
 * overrides what the agent did with its corrections (see {@link applyFeedback}); a reply rated bad
 * without corrections gets a `reviewNote`. Review the result: without feedback it pins what
 * happened, not what should have.
 */
export async function scenarioFromConversation(
  conversation: StoredConversation,
  options: { name?: string } = {},
): Promise<ExportedScenario> {
  const { session, events } = conversation;
  const customerMessages = events.filter(
    (event): event is Extract<Event, { kind: 'message' }> =>
      event.kind === 'message' && event.source === 'customer',
  );
  const turns: ExportedScenario['turns'] = [];
  let agent: string | undefined;
  // The turn that last ran, and its agent: a later turn served by another agent was transferred.
  let last: { expect: ExportedExpectations; agentId: string } | undefined;
  for (const message of customerMessages) {
    const records = await conversation.records(message.traceId);
    const record = records.at(-1);
    agent ??= record?.agentId;
    if (record !== undefined && last !== undefined && record.agentId !== last.agentId) {
      last.expect.session = { ...last.expect.session, transferredTo: record.agentId };
    }
    const traceEvents = events.filter((event) => event.traceId === message.traceId);
    const expect: ExportedExpectations =
      record === undefined
        ? { status: 'silent' }
        : record.status === 'completed'
          ? expectationsOf(record, traceEvents)
          : {}; // A failed or cancelled turn pins nothing: what it should have done is unknown.
    if (record !== undefined) last = { expect, agentId: record.agentId };
    const eventIds = new Set(traceEvents.map((event) => event.id));
    const reviewNote = applyFeedback({
      expect,
      feedback: (conversation.feedback ?? []).filter((item) => eventIds.has(item.eventId)),
      guidelineName: (id) => namer(record?.subjects ?? [])('guideline', id),
    });
    turns.push({
      customer: message.data.message,
      expect,
      ...(reviewNote === undefined ? {} : { reviewNote }),
    });
  }
  if (last !== undefined && last.agentId !== session.agentId) {
    last.expect.session = { ...last.expect.session, transferredTo: session.agentId };
  }
  for (const turn of turns) if (Object.keys(turn.expect ?? {}).length === 0) delete turn.expect;
  return {
    name: options.name ?? session.title ?? `Session ${session.id}`,
    agent: agent ?? session.agentId,
    ...(session.customerId === GUEST ? {} : { customer: session.customerId }),
    turns,
  };
}

function expectationsOf(record: TurnRecord, traceEvents: readonly Event[]): ExportedExpectations {
  const name = namer(record.subjects);
  const expect: ExportedExpectations = {};
  const matched = record.matched.guidelines.map((id) => name('guideline', id));
  if (matched.length > 0) expect.guidelines = { matched };
  const called = record.toolCalls
    .filter((call) => call.status === 'succeeded')
    .map((call) => ({ tool: toolDisplayName(call.tool), arguments: call.arguments }));
  if (called.length > 0) expect.tools = { called };
  const journey = record.journeys.filter((decision) => decision.to !== null).at(-1);
  if (journey?.to != null) {
    expect.journey = { name: name('journey', journey.journeyId), state: journey.to };
  }
  const replies = traceEvents.filter(
    (event): event is Extract<Event, { kind: 'message' }> =>
      event.kind === 'message' &&
      event.source === 'ai_agent' &&
      !(event.data.tags ?? []).includes('__preamble__'),
  );
  const reply = replies.at(-1)?.data.message;
  if (reply !== undefined) {
    const phrases = keyPhrases(
      reply,
      record.toolCalls.flatMap((call) => [call.arguments, call.result]),
    );
    if (phrases.length > 0) expect.reply = { contains: phrases };
  }
  const session = sessionChanges(traceEvents);
  if (session !== undefined) expect.session = session;
  return expect;
}

/** A handoff a tool of the turn asked for (`control.mode` of its result). */
function sessionChanges(traceEvents: readonly Event[]): ExportedExpectations['session'] {
  const handedOff = traceEvents.some(
    (event) =>
      event.kind === 'tool' &&
      event.data.tool_calls.some((call) => call.result.control.mode === 'manual'),
  );
  return handedOff ? { handedOff: true } : undefined;
}

/** An entity's title as the record named it during the turn; its id when it has none. */
function namer(subjects: readonly TurnSubject[]) {
  const byKey = new Map(
    subjects.map((subject) => [`${subject.entity.type}:${subject.entity.id}`, subject]),
  );
  return (type: TurnSubject['entity']['type'], id: string): string =>
    byKey.get(`${type}:${id}`)?.title ?? id;
}
