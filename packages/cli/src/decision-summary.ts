import type { TurnSubject } from '@conduct/core';
import { toolDisplayName } from '@conduct/core/internal';
import type { ObservedTurn } from '@conduct/scenarios';

/**
 * A few lines on why the agent answered as it did: the guidelines applied (by title), the tools
 * called with their arguments, and where each journey stands. From the turn's decision record;
 * one line saying so when the target could not read it.
 */
export function decisionSummary(turn: ObservedTurn): string[] {
  const lines: string[] = [];
  if (turn.status === 'error') lines.push(`error: ${turn.error ?? 'the turn failed'}`);
  if (turn.status === 'silent') lines.push('(the session is handed off to a human: no reply)');
  if (turn.status === 'cancelled') lines.push('(cancelled by a newer message)');
  const { record } = turn;
  if (record === undefined) {
    lines.push('(no decision record: the server did not give one — READ_TRACE needs an API key)');
    return lines;
  }
  const name = namer(record.subjects);
  const guidelines = record.matched.guidelines.map((id) => name('guideline', id));
  lines.push(`guidelines: ${guidelines.length === 0 ? 'none' : guidelines.join('; ')}`);
  const tools = record.toolCalls.map((call) => {
    const status =
      call.status === 'succeeded' ? '' : ` [${call.status}${call.error ? `: ${call.error}` : ''}]`;
    return `${toolDisplayName(call.tool)}(${JSON.stringify(call.arguments)})${status}`;
  });
  if (tools.length > 0) lines.push(`tools: ${tools.join(', ')}`);
  for (const insight of record.insights) {
    lines.push(`tool ${toolDisplayName(insight.tool)}: ${insight.kind} — ${insight.message}`);
  }
  const journeys = new Map<string, string>();
  for (const decision of record.journeys) {
    const where = decision.to === null ? decision.action : name('journey-state', decision.to);
    journeys.set(decision.journeyId, `${name('journey', decision.journeyId)} → ${where}`);
  }
  if (journeys.size > 0) lines.push(`journey: ${[...journeys.values()].join('; ')}`);
  return lines;
}

/** An entity's title (else its text, else its id) as the record's subjects give it. */
function namer(subjects: readonly TurnSubject[]) {
  const byKey = new Map(
    subjects.map((subject) => [`${subject.entity.type}:${subject.entity.id}`, subject]),
  );
  return (type: TurnSubject['entity']['type'], id: string): string => {
    const subject = byKey.get(`${type}:${id}`);
    return subject?.title ?? subject?.text ?? id;
  };
}
