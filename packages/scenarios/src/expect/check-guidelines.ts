import type { TurnRecord } from '@conduct/core';
import type { GuidelineExpectation } from '../scenario/types.js';
import type { NamedEntity } from './names.js';
import {
  type CheckResult,
  type ExpectationView,
  failed,
  listOf,
  passed,
  quote,
  UNCHECKABLE,
  when,
} from './view.js';

/** Checks which guidelines applied (at the turn, or at any turn of the conversation). */
export function checkGuidelines(
  expectation: GuidelineExpectation,
  view: ExpectationView,
): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const name of expectation.matched ?? []) checks.push(checkMatched(name, view));
  for (const name of expectation.notMatched ?? []) checks.push(checkNotMatched(name, view));
  return checks;
}

function checkMatched(name: string, view: ExpectationView): CheckResult {
  const entity = view.names.find('guideline', name);
  const expectation = `the guideline '${name}' to apply${when(view)}`;
  if (entity === undefined) return unknownGuideline(name, expectation, view);
  const label = view.names.label(entity);
  if (view.records.some((record) => record.matched.guidelines.includes(entity.id))) {
    return passed('guideline', expectation, `the guideline ${label} applied`);
  }
  const did = view.scope === 'turn' ? 'it did not' : 'it never did';
  return failed(
    'guideline',
    expectation,
    `expected the guideline ${label} to apply${when(view)}, but ${did}${whyNot(entity, view)}${appliedInstead(entity, view)}`,
  );
}

function checkNotMatched(name: string, view: ExpectationView): CheckResult {
  const entity = view.names.find('guideline', name);
  const expectation = `the guideline '${name}' not to apply${when(view)}`;
  if (entity === undefined) {
    return view.names.complete
      ? unknownGuideline(name, expectation, view)
      : passed('guideline', expectation, `no guideline named '${name}' applied`);
  }
  const label = view.names.label(entity);
  const record = view.records.findLast((r) => r.matched.guidelines.includes(entity.id));
  if (record === undefined && view.recordMissing) {
    // Absence proves nothing without the whole record: fail rather than pass unchecked.
    return failed(
      'guideline',
      expectation,
      `${UNCHECKABLE} whether the guideline ${label} applied`,
    );
  }
  if (record === undefined) {
    return passed('guideline', expectation, `the guideline ${label} did not apply`);
  }
  const reason = lastVerdict(record, entity.id)?.rationale;
  return failed(
    'guideline',
    expectation,
    `expected the guideline ${label} not to apply${when(view)}, but it did${reason ? ` (reason: ${quote(reason)})` : ''}`,
  );
}

function unknownGuideline(name: string, expectation: string, view: ExpectationView): CheckResult {
  const suggestion = view.names.suggest('guideline', name);
  const hint = suggestion === undefined ? '' : ` — did you mean '${suggestion}'?`;
  const where = view.names.complete
    ? 'the agent has no guideline with that title or id'
    : `no guideline with that title or id was considered${view.scope === 'turn' ? ' at this turn' : ''}`;
  return failed('guideline', expectation, `expected ${expectation}, but ${where}${hint}`);
}

/** Why the guideline did not apply, from the last record that mentions it. */
function whyNot(entity: NamedEntity, view: ExpectationView): string {
  if (view.recordMissing && view.records.length === 0) {
    return ' (the decision record could not be read, so why is unknown)';
  }
  const record = view.records.findLast((r) => mentions(r, entity.id));
  if (record === undefined) {
    return '; it was not among the guidelines considered (its tags or journey keep it away from this agent or this moment)';
  }
  const dropped = record.resolution.findLast(
    (reason) => reason.entity.id === entity.id && reason.change === 'dropped',
  );
  if (dropped !== undefined) return droppedBecause(dropped, view);
  const skipped = record.skipped.find((skip) => skip.entity.id === entity.id);
  if (skipped !== undefined) return `; it was not considered: ${skipped.reason}`;
  const verdict = lastVerdict(record, entity.id);
  if (verdict?.matched === null) {
    return `; it could not be evaluated (${verdict.error ?? 'no reason given'})`;
  }
  const reason = verdict?.rationale ? ` (reason: ${quote(verdict.rationale)})` : '';
  // The rule as it read during the turn: a reworded condition shows here.
  return `${reason}; the rule, as the agent has it: ${quote(entity.text, 240)}`;
}

/** Why the relationship resolver dropped a guideline that matched, by rule. */
function droppedBecause(dropped: TurnRecord['resolution'][number], view: ExpectationView): string {
  const other =
    dropped.because === null
      ? undefined
      : view.names.label(
          view.names.byId(
            dropped.because.type === 'journey' ? 'journey' : 'guideline',
            dropped.because.id,
          ),
        );
  if (other !== undefined && dropped.rule === 'overrides') {
    return `: it matched, but ${other} overrides it`;
  }
  if (other !== undefined && dropped.rule === 'requires') {
    return `: it matched, but it requires ${other}, which did not apply`;
  }
  return `: it matched, but was dropped (${dropped.rule}: ${dropped.explanation})`;
}

/** What applied instead, with reasons, at the last turn that decided about the guideline. */
function appliedInstead(entity: NamedEntity, view: ExpectationView): string {
  const record = view.records.findLast((r) => mentions(r, entity.id)) ?? view.records.at(-1);
  if (record === undefined) return '';
  const others = record.matched.guidelines.filter((id) => id !== entity.id);
  if (others.length === 0) return '; no guideline applied instead';
  const shown = others.slice(0, 3).map((id) => {
    const rationale = lastVerdict(record, id)?.rationale;
    const label = view.names.label(view.names.byId('guideline', id));
    return rationale ? `${label} (reason: ${quote(rationale, 120)})` : label;
  });
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `; ${listOf(shown)}${more} applied instead`;
}

function mentions(record: TurnRecord, id: string): boolean {
  return (
    record.candidates.some((entity) => entity.id === id) ||
    record.skipped.some((skip) => skip.entity.id === id) ||
    record.verdicts.some((verdict) => verdict.entity.id === id)
  );
}

function lastVerdict(record: TurnRecord, id: string) {
  return record.verdicts.findLast((verdict) => verdict.entity.id === id);
}
