import type { Scenario } from './scenario.js';

const base = { tool: false, output: 'block' } as const;

/** The full matrix of the report. */
export const fullScenarios: Scenario[] = [
  ...[10, 50, 100, 1000].flatMap((guidelines) =>
    [2, 20, 100].map((historyTurns) => ({
      ...base,
      name: `${guidelines} g · ${historyTurns} h`,
      guidelines,
      historyTurns,
    })),
  ),
  { ...base, name: '100 g · 20 h · tool', guidelines: 100, historyTurns: 20, tool: true },
  { ...base, name: '1000 g · 20 h · tool', guidelines: 1000, historyTurns: 20, tool: true },
  { ...base, name: '100 g · 20 h · stream', guidelines: 100, historyTurns: 20, output: 'stream' },
  {
    ...base,
    name: '100 g · 20 h · tool · stream',
    guidelines: 100,
    historyTurns: 20,
    tool: true,
    output: 'stream',
  },
  {
    ...base,
    name: '1000 g · 20 h · no prefilter',
    guidelines: 1000,
    historyTurns: 20,
    prefilter: false,
  },
];

/** A seconds-long subset, run by CI so the harness cannot rot. */
export const smokeScenarios: Scenario[] = [
  { ...base, name: '10 g · 2 h', guidelines: 10, historyTurns: 2 },
  { ...base, name: '100 g · 2 h · tool', guidelines: 100, historyTurns: 2, tool: true },
];
