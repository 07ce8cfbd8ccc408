import type { CheckResult } from '../expect/view.js';
import type { PassK, RunResult, ScenarioResult, SuiteResult, TurnResult } from '../run/results.js';

/** Options of {@link formatTerminalReport}. */
export interface TerminalReportOptions {
  /** ANSI colors (default false; a CLI turns them on for a terminal). */
  color?: boolean;
  /** List the checks that passed too (default: only failures, and a count of the rest). */
  verbose?: boolean;
}

interface Paint {
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Paint = { red: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t };
const ansi: Paint = {
  red: (t) => `\u001b[31m${t}\u001b[39m`,
  green: (t) => `\u001b[32m${t}\u001b[39m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
};

/**
 * A suite's result as a person reads it in a terminal: one line per scenario, and for each
 * failure the turn, what the customer said and the agent answered, every failed expectation
 * in words, and an excerpt of the turn's decision record.
 */
export function formatTerminalReport(
  result: SuiteResult,
  options: TerminalReportOptions = {},
): string {
  const paint = options.color ? ansi : plain;
  const lines: string[] = [paint.bold(`Scenarios on ${result.target}`), ''];
  for (const scenario of result.scenarios) lines.push(...scenarioLines(scenario, paint, options));
  const { totals } = result;
  const summary = `${totals.scenarios} scenario${totals.scenarios === 1 ? '' : 's'}: ${totals.passed} passed, ${totals.failed} failed · ${totals.runsPassed}/${totals.runs} runs passed · ${(result.durationMs / 1000).toFixed(1)} s`;
  lines.push(result.passed ? paint.green(summary) : paint.red(summary));
  return lines.join('\n');
}

function scenarioLines(
  scenario: ScenarioResult,
  paint: Paint,
  options: TerminalReportOptions,
): string[] {
  const mark = scenario.passed ? paint.green('✓') : paint.red('✗');
  const where = scenario.source
    ? paint.dim(
        `  ${scenario.source.file}${scenario.source.line ? `:${scenario.source.line}` : ''}`,
      )
    : '';
  const runs =
    scenario.runs.length === 1
      ? ''
      : ` — ${scenario.passes}/${scenario.runs.length} runs passed (policy: ${scenario.policy})`;
  const lines = [`${mark} ${paint.bold(scenario.name)}${runs}${where}`];
  if (scenario.runs.length > 1) lines.push(`    ${formatPassK(scenario.passK)}`);
  const failedRuns = scenario.runs.filter((run) => !run.passed);
  const [first, ...others] = failedRuns;
  if (first !== undefined) lines.push(...runLines(first, scenario, paint, options));
  for (const run of others) {
    lines.push(`    Run ${run.run} failed too: ${firstFailure(run) ?? 'see run details'}`);
  }
  if (options.verbose && first === undefined) {
    const run = scenario.runs[0];
    if (run !== undefined) lines.push(...runLines(run, scenario, paint, options));
  }
  lines.push('');
  return lines;
}

/** `pass^1 0.80 · pass^2 0.60 · …`. */
export function formatPassK(values: readonly PassK[]): string {
  return values.map(({ k, value }) => `pass^${k} ${value.toFixed(2)}`).join(' · ');
}

function runLines(
  run: RunResult,
  scenario: ScenarioResult,
  paint: Paint,
  options: TerminalReportOptions,
): string[] {
  const lines: string[] = [];
  const label = scenario.runs.length > 1 ? `Run ${run.run}` : 'The run';
  if (run.error !== undefined) lines.push(paint.red(`    ${label} could not finish: ${run.error}`));
  for (const turn of run.turns) {
    if (turn.passed && !options.verbose) continue;
    lines.push(...turnLines(turn, paint, options));
  }
  if (run.ending !== undefined) {
    const thought = run.endingThought ? ` — "${run.endingThought}"` : '';
    lines.push(`    The simulated customer ${endingWords(run.ending, run.turns.length)}${thought}`);
  }
  lines.push(...checkLines(run.success, '    ', paint, options));
  return lines;
}

function endingWords(ending: NonNullable<RunResult['ending']>, turns: number): string {
  if (ending === 'goal-reached')
    return `reached their goal after ${turns} message${turns === 1 ? '' : 's'}`;
  if (ending === 'gave-up') return `gave up after ${turns} message${turns === 1 ? '' : 's'}`;
  return `was still writing at the limit of ${turns} messages`;
}

function turnLines(turn: TurnResult, paint: Paint, options: TerminalReportOptions): string[] {
  const lines = [`    Turn ${turn.index} — the customer: ${quoteLine(turn.customer)}`];
  const reply = turn.messages.at(-1);
  lines.push(
    reply === undefined
      ? `      the agent: ${paint.dim(`(no reply; the turn ended ${turn.status})`)}`
      : `      the agent: ${quoteLine(reply)}`,
  );
  lines.push(...checkLines(turn.checks, '      ', paint, options));
  if (!turn.passed) {
    lines.push(paint.dim('      What the agent decided at this turn:'));
    for (const line of turn.excerpt) lines.push(paint.dim(`        ${line}`));
  }
  return lines;
}

function checkLines(
  checks: readonly CheckResult[],
  indent: string,
  paint: Paint,
  options: TerminalReportOptions,
): string[] {
  const lines: string[] = [];
  let passedCount = 0;
  for (const check of checks) {
    if (!check.passed) lines.push(`${indent}${paint.red('✗')} ${check.message}`);
    else if (options.verbose) lines.push(`${indent}${paint.green('✓')} ${check.message}`);
    else passedCount++;
  }
  if (passedCount > 0) {
    lines.push(
      paint.dim(`${indent}✓ ${passedCount} other expectation${passedCount === 1 ? '' : 's'} held`),
    );
  }
  return lines;
}

function quoteLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 200 ? `${flat.slice(0, 199)}…` : flat}"`;
}

/** The first failed check's message (or the error) of a run. */
export function firstFailure(run: RunResult): string | undefined {
  if (run.error !== undefined) return run.error;
  for (const turn of run.turns) {
    const check = turn.checks.find((candidate) => !candidate.passed);
    if (check !== undefined) return `turn ${turn.index}: ${check.message}`;
  }
  return run.success.find((check) => !check.passed)?.message;
}
