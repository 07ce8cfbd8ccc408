import type { TurnRecord } from '@conduct/core';
import { toolDisplayName } from '@conduct/core/internal';
import type { ToolCallExpectation, ToolExpectation } from '../scenario/types.js';
import type { AgentCatalog } from '../target.js';
import { argumentsMatch, describeExpectedArguments, showArguments } from './arguments.js';
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

type ToolCall = TurnRecord['toolCalls'][number];

/**
 * Checks which tools ran (a call that ran and failed still counts as called). With the agent's
 * catalog, a tool the agent does not have fails the check (a misspelt `notCalled` would pass).
 */
export function checkTools(
  expectation: ToolExpectation,
  view: ExpectationView,
  catalog?: AgentCatalog,
): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const entry of expectation.called ?? []) {
    const expected = typeof entry === 'string' ? { tool: entry } : entry;
    checks.push(unknownTool(expected.tool, 'to be called', catalog) ?? checkCalled(expected, view));
  }
  for (const tool of expectation.notCalled ?? []) {
    checks.push(unknownTool(tool, 'not to be called', catalog) ?? checkNotCalled(tool, view));
  }
  return checks;
}

function unknownTool(
  tool: string,
  verb: string,
  catalog: AgentCatalog | undefined,
): CheckResult | undefined {
  if (catalog === undefined || catalog.tools.some((known) => isTool(known, tool))) return undefined;
  const expectation = `the tool '${tool}' ${verb}`;
  const known = catalog.tools.length === 0 ? 'none' : catalog.tools.map(toolDisplayName).join(', ');
  return failed(
    'tool',
    expectation,
    `expected ${expectation}, but the agent has no tool named '${tool}' (its tools: ${known})`,
  );
}

/** Whether a record's tool ref (`local:start_return`) is the tool a scenario names. */
export function isTool(ref: string, name: string): boolean {
  return ref === name || toolDisplayName(ref) === name;
}

function callsOf(view: ExpectationView, tool: string): ToolCall[] {
  return view.records.flatMap((record) =>
    record.toolCalls.filter((call) => call.status !== 'skipped' && isTool(call.tool, tool)),
  );
}

function checkCalled(expected: ToolCallExpectation, view: ExpectationView): CheckResult {
  const expectation = `the tool '${expected.tool}' to be called${describeExpectedArguments(expected)}${when(view)}`;
  const calls = callsOf(view, expected.tool);
  const matching = calls.find((call) => argumentsMatch(expected, call.arguments));
  if (matching !== undefined) {
    return passed(
      'tool',
      expectation,
      `the tool '${expected.tool}' was called with ${showArguments(matching.arguments)}`,
    );
  }
  if (calls.length > 0) {
    const actual = calls.map((call) => showArguments(call.arguments));
    return failed(
      'tool',
      expectation,
      `expected ${expectation}, but it was called with ${listOf(actual)}`,
    );
  }
  return failed(
    'tool',
    expectation,
    `expected ${expectation}, but it was not called${whyNotCalled(expected.tool, view)}`,
  );
}

function checkNotCalled(tool: string, view: ExpectationView): CheckResult {
  const expectation = `the tool '${tool}' not to be called${when(view)}`;
  const calls = callsOf(view, tool);
  if (calls.length === 0 && view.recordMissing) {
    return failed('tool', expectation, `${UNCHECKABLE} whether the tool '${tool}' was called`);
  }
  if (calls.length === 0) return passed('tool', expectation, `the tool '${tool}' was not called`);
  const actual = calls.map((call) => showArguments(call.arguments));
  return failed(
    'tool',
    expectation,
    `expected ${expectation}, but it was (with ${listOf(actual)})`,
  );
}

/** Why a tool did not run, from the last turn that offered it. */
function whyNotCalled(tool: string, view: ExpectationView): string {
  if (view.recordMissing && view.records.length === 0) {
    return ' (the decision record could not be read, so why is unknown)';
  }
  const record = view.records.findLast((r) => r.toolDecisions.some((d) => isTool(d.tool, tool)));
  const decision = record?.toolDecisions.findLast((d) => isTool(d.tool, tool));
  if (record === undefined || decision === undefined) {
    return ': it was not offered — no guideline or journey step that uses it applied';
  }
  const offeredBy = decision.offeredBy.map((ref) =>
    ref.type === 'journey-state'
      ? `the journey step '${ref.id.slice(ref.id.lastIndexOf(':') + 1)}'`
      : view.names.label(view.names.byId(ref.type === 'journey' ? 'journey' : 'guideline', ref.id)),
  );
  const by = offeredBy.length === 0 ? '' : ` (offered by ${listOf(offeredBy)})`;
  const reason = decision.reason ? ` (reason: ${quote(decision.reason, 120)})` : '';
  if (decision.awaitingConfirmation > 0) {
    return `: it waits for the customer's confirmation${by}${reason}`;
  }
  const insight = record.insights.find((entry) => isTool(entry.tool, tool));
  if (decision.calls > 0 && insight !== undefined) {
    return `: the call could not run${by} — ${insight.message}`;
  }
  return `: the model decided not to call it${by}${reason}`;
}
