import type { Baseline } from './baseline.js';
import type { ConcurrencyResult } from './concurrency.js';
import type { MatchingWave } from './matching-wave.js';
import type { TurnMeasure } from './measure.js';
import type { Scenario } from './scenario.js';

/** Everything measured for one scenario. */
export interface ScenarioReport {
  scenario: Scenario;
  turn: TurnMeasure;
  baseline: Baseline;
  /** Engine overhead until the reply is committed. */
  overheadP50Ms: number;
  overheadP99Ms: number;
  /** Engine overhead until the turn ends (decision record and after-reply work included). */
  turnEndP50Ms: number;
}

/** The whole run. */
export interface BenchReport {
  latency: { baseMs: number; perInputTokenMs: number; perOutputTokenMs: number };
  scenarios: ScenarioReport[];
  concurrency: ConcurrencyResult[];
  matchingWave: MatchingWave;
  /** Engine overhead per turn on the PGlite store (full run only). */
  pglite?: { scenario: string; overheadP50Ms: number; overheadP99Ms: number; turnEndP50Ms: number };
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** A plain-text table of the run. */
export function formatReport(report: BenchReport): string {
  const header = [
    'scenario',
    'calls',
    'depth',
    'in tok',
    'out tok',
    'TTFT ms',
    'ready ms',
    'base TTFT',
    'TTFT ×',
    'ready ×',
    'ovh p50',
    'ovh p99',
    'end p50',
  ];
  const rows = report.scenarios.map((s) => {
    const ttft = s.turn.path.firstTokenMs + s.overheadP50Ms;
    const ready = s.turn.path.readyMs + s.overheadP50Ms;
    return [
      s.scenario.name,
      String(s.turn.modelCalls),
      String(s.turn.path.depth),
      String(s.turn.inputTokens),
      String(s.turn.outputTokens),
      String(round(ttft)),
      String(round(ready)),
      String(round(s.baseline.firstTokenMs)),
      String(round(ttft / s.baseline.firstTokenMs, 2)),
      String(round(ready / s.baseline.readyMs, 2)),
      String(round(s.overheadP50Ms, 2)),
      String(round(s.overheadP99Ms, 2)),
      String(round(s.turnEndP50Ms, 2)),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  const concurrency = report.concurrency.map(
    (c) =>
      `${c.sessions} sessions at once on ${c.store}: ${round(c.turnsPerSecond)} turns/s, per-turn engine time p50 ${round(c.overheadP50Ms, 1)} ms, p99 ${round(c.overheadP99Ms, 1)} ms`,
  );
  const { baseMs, perInputTokenMs, perOutputTokenMs } = report.latency;
  const wave = (label: string, cost: MatchingWave['batched']) =>
    `${label}: ${cost.calls} matching calls (${Object.entries(cost.byTask)
      .map(([task, n]) => `${task} ${n}`)
      .join(
        ', ',
      )}), matching depth ${cost.depth}, ${cost.promptTokens} prompt tokens, ${cost.outputTokens} output tokens`;
  return [
    `Simulated model: ${baseMs} ms + ${perInputTokenMs} ms/input token + ${perOutputTokenMs} ms/output token. TTFT/ready = model critical path + engine overhead p50 (ovh: until the reply is committed; end: until the turn ends, its decision record and after-reply work included).`,
    line(header),
    ...rows.map(line),
    '',
    ...(report.pglite
      ? [
          `Engine overhead on PGlite (${report.pglite.scenario}): p50 ${round(report.pglite.overheadP50Ms, 2)} ms, p99 ${round(report.pglite.overheadP99Ms, 2)} ms until the reply; p50 ${round(report.pglite.turnEndP50Ms, 2)} ms until the turn ends`,
        ]
      : []),
    ...concurrency,
    '',
    'One turn with 12 actionable guidelines, 5 observations and 3 previously applied:',
    wave('  batched (default)', report.matchingWave.batched),
    wave('  one guideline per call', report.matchingWave.perGuideline),
  ].join('\n');
}
