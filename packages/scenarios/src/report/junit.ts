import type { ScenarioResult, SuiteResult } from '../run/results.js';
import { firstFailure, formatPassK, formatTerminalReport } from './terminal.js';

/**
 * A suite's result as JUnit XML, which CI systems show as test results: one `<testsuite>` per
 * scenario file (or one for scenarios defined in code), one `<testcase>` per scenario, a
 * `<failure>` with the readable report of a failed scenario, and pass^k in `<system-out>`.
 */
export function formatJUnitReport(result: SuiteResult): string {
  const groups = new Map<string, ScenarioResult[]>();
  for (const scenario of result.scenarios) {
    const file = scenario.source?.file ?? 'scenarios';
    groups.set(file, [...(groups.get(file) ?? []), scenario]);
  }
  const suites = [...groups].map(([file, scenarios]) => testSuite(file, scenarios, result));
  const failures = result.totals.failed;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conduct scenarios" tests="${result.totals.scenarios}" failures="${failures}" errors="0" time="${seconds(result.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testSuite(file: string, scenarios: readonly ScenarioResult[], suite: SuiteResult): string {
  const failures = scenarios.filter((scenario) => !scenario.passed).length;
  const time = scenarios.reduce((sum, scenario) => sum + scenario.durationMs, 0);
  return [
    `  <testsuite name="${xml(file)}" tests="${scenarios.length}" failures="${failures}" errors="0" time="${seconds(time)}" timestamp="${xml(suite.startedAt)}">`,
    ...scenarios.map((scenario) => testCase(file, scenario, suite)),
    '  </testsuite>',
  ].join('\n');
}

function testCase(file: string, scenario: ScenarioResult, suite: SuiteResult): string {
  const open = `    <testcase classname="${xml(file)}" name="${xml(scenario.name)}" time="${seconds(scenario.durationMs)}">`;
  const out = `      <system-out>${xml(`${scenario.passes}/${scenario.runs.length} runs passed (policy: ${scenario.policy}); ${formatPassK(scenario.passK)}`)}</system-out>`;
  if (scenario.passed) return [open, out, '    </testcase>'].join('\n');
  const firstFailed = scenario.runs.find((run) => !run.passed);
  const message = firstFailed === undefined ? 'failed' : (firstFailure(firstFailed) ?? 'failed');
  const details = formatTerminalReport({
    ...suite,
    passed: false,
    scenarios: [scenario],
    totals: {
      scenarios: 1,
      passed: 0,
      failed: 1,
      runs: scenario.runs.length,
      runsPassed: scenario.passes,
    },
    durationMs: scenario.durationMs,
  });
  return [
    open,
    `      <failure message="${xml(message)}" type="scenario">${xml(details)}</failure>`,
    out,
    '    </testcase>',
  ].join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Text escaped for XML attributes and content (and without characters XML 1.0 forbids). */
function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
