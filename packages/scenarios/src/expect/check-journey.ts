import type { JourneyDecision } from '@conduct/core';
import type { JourneyExpectation } from '../scenario/types.js';
import type { AgentCatalog } from '../target.js';
import { type CheckResult, type ExpectationView, failed, listOf, passed, quote } from './view.js';

/**
 * Checks where a journey is after the turn (or at the end of the conversation): active or
 * not, at which state, and which states it passed through.
 */
export function checkJourney(
  expected: JourneyExpectation,
  view: ExpectationView,
  catalog?: AgentCatalog,
): CheckResult[] {
  const journey = view.names.find('journey', expected.name);
  const wantsActive = expected.active ?? true;
  const expectation = describe(expected, wantsActive);
  if (journey === undefined) {
    const suggestion = view.names.suggest('journey', expected.name);
    const where = view.names.complete
      ? 'the agent has no journey with that title or id'
      : 'no journey with that title or id was considered';
    return [
      failed(
        'journey',
        expectation,
        `expected ${expectation}, but ${where}${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
      ),
    ];
  }
  const label = view.names.label(journey);
  const states = catalog?.journeys.find((entry) => entry.id === journey.id)?.states;
  const unknown = [expected.state, ...(expected.via ?? [])].filter(
    (state): state is string =>
      state !== undefined && states !== undefined && !states.some((s) => s.id === state),
  );
  if (unknown.length > 0 && states !== undefined) {
    return [
      failed(
        'journey',
        expectation,
        `expected ${expectation}, but the journey ${label} has no state ${listOf(unknown.map((s) => `'${s}'`))} (its states: ${states.map((s) => s.id).join(', ')})`,
      ),
    ];
  }
  const position = positionAfter(journey.id, view);
  const decisions = view.records.flatMap((record) =>
    record.journeys.filter((decision) => decision.journeyId === journey.id),
  );
  const last = decisions.at(-1);
  const how = last === undefined ? '' : ` (${describeDecision(last)})`;
  if (!wantsActive) {
    return position === undefined
      ? [passed('journey', expectation, `the journey ${label} is not active`)]
      : [
          failed(
            'journey',
            expectation,
            `expected ${expectation}, but it is at '${position}'${how}`,
          ),
        ];
  }
  const checks: CheckResult[] = [];
  if (position === undefined) {
    const never = decisions.length === 0 ? ' — it never started' : '';
    checks.push(
      failed('journey', expectation, `expected ${expectation}, but it is not active${never}${how}`),
    );
  } else if (expected.state !== undefined && position !== expected.state) {
    checks.push(
      failed('journey', expectation, `expected ${expectation}, but it is at '${position}'${how}`),
    );
  } else {
    checks.push(passed('journey', expectation, `the journey ${label} is at '${position}'`));
  }
  if (expected.via !== undefined && expected.via.length > 0) {
    const passedThrough = new Set(
      decisions.flatMap((decision) => [decision.from, ...decision.via, decision.to]),
    );
    const missing = expected.via.filter((state) => !passedThrough.has(state));
    const viaExpectation = `the journey '${expected.name}' to pass through ${listOf(expected.via.map((s) => `'${s}'`))}`;
    checks.push(
      missing.length === 0
        ? passed('journey', viaExpectation)
        : failed(
            'journey',
            viaExpectation,
            `expected ${viaExpectation}, but it did not pass through ${listOf(missing.map((s) => `'${s}'`))}`,
          ),
    );
  }
  return checks;
}

function describe(expected: JourneyExpectation, active: boolean): string {
  if (!active) return `the journey '${expected.name}' not to be active`;
  if (expected.state === undefined) return `the journey '${expected.name}' to be active`;
  return `the journey '${expected.name}' to be at '${expected.state}'`;
}

/** The journey's state after the last turn of the view, or `undefined` when it is not active. */
function positionAfter(journeyId: string, view: ExpectationView): string | undefined {
  const record = view.records.at(-1);
  const prefix = `${journeyId}:`;
  const ref = record?.matched.journeyStates.find((state) => state.startsWith(prefix));
  return ref?.slice(prefix.length);
}

function describeDecision(decision: JourneyDecision): string {
  const step =
    decision.action === 'advanced' || decision.action === 'auto-advanced'
      ? `it moved from '${decision.from ?? 'start'}' to '${decision.to ?? 'the end'}'`
      : decision.action === 'stayed'
        ? `it stayed at '${decision.from ?? decision.to ?? '?'}'`
        : `last step: ${decision.action}`;
  return decision.reason ? `${step}; reason: ${quote(decision.reason, 120)}` : step;
}
