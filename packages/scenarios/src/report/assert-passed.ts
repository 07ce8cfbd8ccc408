import { ConductError } from '@conduct/core';
import type { ScenarioResult, SuiteResult } from '../run/results.js';
import { formatTerminalReport } from './terminal.js';

/** Scenarios failed; the message is the readable report of the failures. */
export class ScenariosFailedError extends ConductError {
  static readonly code = 'scenarios_failed';
  readonly result: SuiteResult;

  constructor(result: SuiteResult) {
    super(ScenariosFailedError.code, formatTerminalReport(result));
    this.result = result;
  }
}

/**
 * Throws a {@link ScenariosFailedError} whose message is the readable report when a suite (or
 * one scenario) failed, so a test runner shows what went wrong:
 *
 * ```ts
 * it('handles returns', async () => {
 *   assertPassed(await runScenario(returnInWindow, { target }));
 * });
 * ```
 */
export function assertPassed(result: SuiteResult | ScenarioResult): void {
  if (result.passed) return;
  const suite: SuiteResult =
    'scenarios' in result
      ? result
      : {
          target: 'scenario',
          passed: false,
          scenarios: [result],
          totals: {
            scenarios: 1,
            passed: 0,
            failed: 1,
            runs: result.runs.length,
            runsPassed: result.passes,
          },
          startedAt: new Date().toISOString(),
          durationMs: result.durationMs,
        };
  throw new ScenariosFailedError(suite);
}
