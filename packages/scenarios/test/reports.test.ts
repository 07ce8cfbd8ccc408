import { describe, expect, it } from 'vitest';
import { failed, passed } from '../src/expect/view.js';
import { formatJsonReport } from '../src/report/json.js';
import { formatJUnitReport } from '../src/report/junit.js';
import { formatTerminalReport } from '../src/report/terminal.js';
import { passesPolicy, passK } from '../src/run/pass-k.js';
import type { ScenarioResult, SuiteResult } from '../src/run/results.js';

describe('pass^k', () => {
  it('is the share of k-run sets in which every run passed', () => {
    // 4 of 5 passed: any 2 of the 5 runs both passed in C(4,2)/C(5,2) = 6/10 of the pairs.
    expect(passK(5, 4).map(({ k, value }) => [k, value])).toEqual([
      [1, 0.8],
      [2, 0.6],
      [3, 0.4],
      [4, 0.2],
      [5, 0],
    ]);
    expect(passK(3, 3).map(({ value }) => value)).toEqual([1, 1, 1]);
    expect(passK(2, 0).map(({ value }) => value)).toEqual([0, 0]);
  });

  it('passes a scenario under `all` only when every run passed, under `majority` above half', () => {
    expect([passesPolicy('all', 5, 5), passesPolicy('all', 5, 4)]).toEqual([true, false]);
    expect([passesPolicy('majority', 5, 3), passesPolicy('majority', 4, 2)]).toEqual([true, false]);
  });
});

const failing: ScenarioResult = {
  name: 'Return <inside> the window',
  agent: 'voltmart-support',
  source: { file: 'scenarios/returns.yaml', line: 1 },
  kind: 'scripted',
  policy: 'all',
  passes: 1,
  passK: passK(2, 1),
  passed: false,
  durationMs: 1500,
  runs: [
    { run: 1, passed: true, turns: [], success: [], durationMs: 700 },
    {
      run: 2,
      passed: false,
      success: [],
      durationMs: 800,
      turns: [
        {
          index: 1,
          customer: 'Can I return my TV?',
          status: 'answered',
          messages: ['Sure & welcome!'],
          traceId: 't',
          passed: false,
          durationMs: 800,
          excerpt: ["Guidelines applied: 'Off topic'"],
          checks: [
            passed('status', 'the turn to end with a reply', 'the turn ended with a reply'),
            failed(
              'guideline',
              "the guideline 'Return' to apply",
              "expected the guideline 'Return' to apply, but it did not; 'Off topic' applied instead",
            ),
          ],
        },
      ],
    },
  ],
};

const suite: SuiteResult = {
  target: 'in-process',
  passed: false,
  scenarios: [failing],
  totals: { scenarios: 1, passed: 0, failed: 1, runs: 2, runsPassed: 1 },
  startedAt: '2026-12-07T17:42:00.000Z',
  durationMs: 1500,
};

describe('reports', () => {
  it('prints what failed, the conversation and the decision record excerpt', () => {
    expect(formatTerminalReport(suite)).toBe(
      [
        'Scenarios on in-process',
        '',
        '✗ Return <inside> the window — 1/2 runs passed (policy: all)  scenarios/returns.yaml:1',
        '    pass^1 0.50 · pass^2 0.00',
        '    Turn 1 — the customer: "Can I return my TV?"',
        '      the agent: "Sure & welcome!"',
        "      ✗ expected the guideline 'Return' to apply, but it did not; 'Off topic' applied instead",
        '      ✓ 1 other expectation held',
        '      What the agent decided at this turn:',
        "        Guidelines applied: 'Off topic'",
        '',
        '1 scenario: 0 passed, 1 failed · 1/2 runs passed · 1.5 s',
      ].join('\n'),
    );
  });

  it('writes JUnit XML with escaped text, a failure per failed scenario and pass^k', () => {
    const xml = formatJUnitReport(suite);
    expect(xml).toContain(
      '<testsuites name="conduct scenarios" tests="1" failures="1" errors="0" time="1.500">',
    );
    expect(xml).toContain(
      '<testcase classname="scenarios/returns.yaml" name="Return &lt;inside&gt; the window" time="1.500">',
    );
    expect(xml).toContain(
      '<failure message="turn 1: expected the guideline &apos;Return&apos; to apply, but it did not; &apos;Off topic&apos; applied instead" type="scenario">',
    );
    expect(xml).toContain('the agent: &quot;Sure &amp; welcome!&quot;');
    expect(xml).toContain(
      '<system-out>1/2 runs passed (policy: all); pass^1 0.50 · pass^2 0.00</system-out>',
    );
  });

  it('writes JSON with every field and the report version', () => {
    expect(JSON.parse(formatJsonReport(suite))).toEqual({ version: 1, ...suite });
  });
});
