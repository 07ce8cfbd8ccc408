import { type TurnRecord, toolDisplayName } from '@conduct/core';
import { showArguments } from './arguments.js';
import type { NameIndex } from './names.js';
import { listOf, quote } from './view.js';

/**
 * The part of a turn's decision record a reader of a failure needs, in words: which
 * guidelines applied (and why), which were dropped, where journeys went, which tools ran or
 * were held back, how the reply was composed, and what went wrong.
 */
export function recordExcerpt(record: TurnRecord | undefined, names: NameIndex): string[] {
  if (record === undefined) return ['(the decision record of this turn could not be read)'];
  const label = (id: string) => names.label(names.byId('guideline', id));
  const rationale = (id: string) =>
    record.verdicts.findLast((verdict) => verdict.entity.id === id)?.rationale;
  const lines: string[] = [];
  const applied = record.matched.guidelines.map((id) => {
    const why = rationale(id);
    return why ? `${label(id)} (${quote(why, 100)})` : label(id);
  });
  lines.push(
    applied.length === 0 ? 'Guidelines applied: none' : `Guidelines applied: ${listOf(applied)}`,
  );
  for (const reason of record.resolution) {
    if (reason.change !== 'dropped' || reason.entity.type !== 'guideline') continue;
    const other = reason.because === null ? undefined : label(reason.because.id);
    const why =
      other === undefined
        ? reason.rule
        : reason.rule === 'overrides'
          ? `overridden by ${other}`
          : reason.rule === 'requires'
            ? `requires ${other}, which did not apply`
            : `${reason.rule} ${other}`;
    lines.push(`Matched but dropped: ${label(reason.entity.id)} (${why})`);
  }
  for (const decision of record.journeys) {
    const journey = names.label(names.byId('journey', decision.journeyId));
    const path = [decision.from, ...decision.via, decision.to]
      .map((state) => state ?? '·')
      .join(' → ');
    lines.push(
      `Journey ${journey}: ${decision.action} (${path})${decision.reason ? ` — ${quote(decision.reason, 100)}` : ''}`,
    );
  }
  for (const call of record.toolCalls) {
    const result = call.status === 'failed' ? ` — failed: ${call.error ?? ''}` : '';
    lines.push(
      `Tool ${call.status === 'skipped' ? 'skipped' : 'called'}: ${toolDisplayName(call.tool)}(${showArguments(call.arguments)})${result}`,
    );
  }
  for (const decision of record.toolDecisions) {
    if (decision.calls > 0 && decision.awaitingConfirmation === 0) continue;
    const name = toolDisplayName(decision.tool);
    const held =
      decision.awaitingConfirmation > 0 ? "waits for the customer's confirmation" : 'not called';
    lines.push(
      `Tool ${held}: ${name}${decision.reason ? ` — ${quote(decision.reason, 100)}` : ''}`,
    );
  }
  for (const insight of record.insights) {
    lines.push(`Needs from the customer: ${insight.message}`);
  }
  const composition = record.composition;
  if (composition !== null) {
    const how =
      composition.outcome === 'template'
        ? `approved template '${composition.chosen}'`
        : composition.outcome;
    lines.push(`Reply: ${how} (mode ${composition.mode})`);
  }
  for (const error of record.errors) lines.push(`Error (${error.stage}): ${error.message}`);
  return lines;
}
