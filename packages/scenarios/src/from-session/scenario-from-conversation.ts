import type { Event, TurnRecord, TurnSubject } from '@conduct/core';
import type { StoredConversation } from './conversation-source.js';
import { keyPhrases } from './key-phrases.js';

/** What one exported turn expects, in the scenario format (only what the agent did). */
export interface ExportedExpectations {
  guidelines?: { matched: string[] };
  tools?: { called: { tool: string; arguments: Record<string, unknown> }[] };
  journey?: { name: string; state: string };
  reply?: { contains: string[] };
  /** A handoff a tool asked for; the agent a transfer moved the session to (the next turn's). */
  session?: { handedOff?: true; transferredTo?: string };
}

/** A scenario as the export writes it (the YAML format's object). */
export interface ExportedScenario {
  name: string;
  agent: string;
  customer?: string;
  turns: { customer: string; expect?: ExportedExpectations }[];
}

const GUEST = 'guest';

/**
 * Turns a stored conversation into a scenario: one turn per customer message, expecting what the
 * agent did then — the guidelines it applied (by title, else id), the tools it called with their
 * arguments, where its journey stood, a few key phrases of its reply, and a handoff or transfer.
 * A message that started no turn (the session was with a human) keeps its words and expects
 * nothing. Review the result: it pins what happened, not what should have.
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
    const expect = record === undefined ? {} : expectationsOf(record, traceEvents);
    if (record !== undefined) last = { expect, agentId: record.agentId };
    turns.push({ customer: message.data.message, expect });
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
  const matched = record.matched.guidelines.map((id) => name('guideline', id, 'title'));
  if (matched.length > 0) expect.guidelines = { matched };
  const called = record.toolCalls
    .filter((call) => call.status === 'succeeded')
    .map((call) => ({ tool: toolName(call.tool), arguments: call.arguments }));
  if (called.length > 0) expect.tools = { called };
  const journey = record.journeys.filter((decision) => decision.to !== null).at(-1);
  if (journey?.to != null) {
    expect.journey = {
      name: name('journey', journey.journeyId, 'title'),
      state: name('journey-state', journey.to, 'text'),
    };
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

function toolName(ref: string): string {
  const colon = ref.indexOf(':');
  return colon === -1 ? ref : ref.slice(colon + 1);
}

/** An entity's title (or its text) as the record named it during the turn; its id otherwise. */
function namer(subjects: readonly TurnSubject[]) {
  const byKey = new Map(
    subjects.map((subject) => [`${subject.entity.type}:${subject.entity.id}`, subject]),
  );
  return (type: TurnSubject['entity']['type'], id: string, prefer: 'title' | 'text'): string => {
    const subject = byKey.get(`${type}:${id}`);
    if (subject === undefined) return id;
    return prefer === 'title' ? (subject.title ?? id) : subject.text;
  };
}
