import type { CompositionRecord } from '@conduct/core';
import type { ReplyExpectation } from '../scenario/types.js';
import type { AgentCatalog } from '../target.js';
import { type CheckResult, type ExpectationView, failed, passed, quote } from './view.js';

/**
 * Checks the reply's wording and how it was composed (the judge is asked apart: it is a model
 * call). Phrases compare case-insensitively.
 */
export function checkReply(
  expected: ReplyExpectation,
  view: ExpectationView,
  catalog?: AgentCatalog,
): CheckResult[] {
  const checks: CheckResult[] = [];
  const reply = view.reply;
  const text = reply ?? '';
  const lower = text.toLowerCase();
  const shown = reply === undefined ? 'there was no reply' : `the reply was ${quote(text)}`;
  for (const phrase of expected.contains ?? []) {
    const expectation = `the reply to mention '${phrase}'`;
    checks.push(
      lower.includes(phrase.toLowerCase())
        ? passed('reply', expectation, `the reply mentions '${phrase}'`)
        : failed('reply', expectation, `expected ${expectation}, but it does not; ${shown}`),
    );
  }
  for (const phrase of expected.notContains ?? []) {
    const expectation = `the reply not to mention '${phrase}'`;
    checks.push(
      lower.includes(phrase.toLowerCase())
        ? failed('reply', expectation, `expected ${expectation}, but it does; ${shown}`)
        : passed('reply', expectation, `the reply does not mention '${phrase}'`),
    );
  }
  if (expected.matches !== undefined) {
    const pattern = toRegExp(expected.matches);
    const expectation = `the reply to match ${String(pattern)}`;
    checks.push(
      pattern.test(text)
        ? passed('reply', expectation, `the reply matches ${String(pattern)}`)
        : failed('reply', expectation, `expected ${expectation}, but it does not; ${shown}`),
    );
  }
  const composition = view.records.at(-1)?.composition ?? null;
  if (expected.template !== undefined)
    checks.push(checkTemplate(expected.template, composition, view, catalog));
  if (expected.strict !== undefined) checks.push(checkStrict(expected.strict, composition, view));
  return checks;
}

/**
 * A pattern from a scenario: a `RegExp`, `/source/flags`, or a plain pattern (matched
 * case-insensitively, as phrases are).
 */
export function toRegExp(pattern: string | RegExp): RegExp {
  if (pattern instanceof RegExp)
    return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (literal !== null)
    return new RegExp(literal[1] ?? '', (literal[2] ?? '').replace(/[gy]/g, ''));
  return new RegExp(pattern, 'i');
}

function checkTemplate(
  template: boolean | string,
  composition: CompositionRecord | null,
  view: ExpectationView,
  catalog: AgentCatalog | undefined,
): CheckResult {
  const usedTemplate = composition?.outcome === 'template';
  const how = describeComposition(composition, view);
  if (template === false) {
    const expectation = 'the reply not to be an approved template';
    return usedTemplate
      ? failed('reply', expectation, `expected ${expectation}, but ${how}`)
      : passed('reply', expectation, `the reply was not a template (${how})`);
  }
  const expectation =
    template === true
      ? 'the reply to be an approved template'
      : `the reply to be the approved template '${template}'`;
  if (
    typeof template === 'string' &&
    catalog !== undefined &&
    !catalog.cannedResponses.some((response) => response.id === template)
  ) {
    return failed(
      'reply',
      expectation,
      `expected ${expectation}, but the agent has no approved template with that id`,
    );
  }
  const fits = usedTemplate && (template === true || composition?.chosen === template);
  return fits
    ? passed('reply', expectation, `the reply was the approved template '${composition?.chosen}'`)
    : failed('reply', expectation, `expected ${expectation}, but ${how}`);
}

function checkStrict(
  strict: boolean,
  composition: CompositionRecord | null,
  view: ExpectationView,
): CheckResult {
  const isStrict = composition?.mode === 'strict_canned';
  const expectation = strict
    ? 'the reply to be composed in strict mode (approved wording only)'
    : 'the reply not to be composed in strict mode';
  const how = describeComposition(composition, view);
  if (strict && isStrict && composition.outcome !== 'fluid' && composition.outcome !== 'draft') {
    return passed('reply', expectation, `strict mode held: ${how}`);
  }
  if (!strict && !isStrict) return passed('reply', expectation, how);
  return failed('reply', expectation, `expected ${expectation}, but ${how}`);
}

function describeComposition(composition: CompositionRecord | null, view: ExpectationView): string {
  if (composition === null) {
    return view.recordMissing
      ? 'how the reply was composed is unknown (the decision record could not be read)'
      : 'no reply was composed';
  }
  const mode = `in '${composition.mode}' mode`;
  switch (composition.outcome) {
    case 'template':
      return `the approved template '${composition.chosen}' was sent (${mode})`;
    case 'no-match':
      return `no approved template fitted, so the no-match reply was sent (${mode})`;
    case 'restyled':
      return `the draft was rewritten in approved wording (${mode})`;
    case 'silent':
      return `nothing was said (${mode})`;
    default:
      return `the reply was written freely (${mode}; ${composition.reason})`;
  }
}
