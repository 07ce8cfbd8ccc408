import { describe, expect, it } from 'vitest';
import { runBench } from '../src/main.js';
import { formatReport } from '../src/report.js';

// Keeps the harness from rotting: the smoke run must complete and produce a sane report. The
// performance targets themselves are read from `pnpm bench`, never asserted by timed tests.
describe('pnpm bench --smoke', () => {
  it('measures every smoke scenario', { timeout: 60_000 }, async () => {
    const report = await runBench({ smoke: true });
    expect(report.scenarios.map((s) => s.scenario.name)).toEqual([
      '10 g · 2 h',
      '100 g · 2 h · tool',
    ]);
    for (const { turn, baseline } of report.scenarios) {
      expect(turn.modelCalls).toBeGreaterThan(0);
      expect(turn.path.tasks.at(-1)).toBe('compose');
      expect(turn.byTask.compose?.calls).toBe(1);
      expect(baseline.inputTokens).toBeGreaterThan(0);
    }
    const withTool = report.scenarios[1]!;
    expect(withTool.turn.byTask['tool-call']?.calls).toBe(1);
    expect(report.concurrency[0]?.turnsPerSecond).toBeGreaterThan(0);
    expect(formatReport(report)).toContain('TTFT');
  });
});
