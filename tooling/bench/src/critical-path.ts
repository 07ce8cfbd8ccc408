import type { SimulatedCall } from '@conduct/core/testing';

/** The model calls on a turn's critical path, and the simulated time they take. */
export interface CriticalPath {
  /** Sequential model calls until the first reply token. */
  depth: number;
  tasks: string[];
  /** Simulated model time to the reply's first token / last token. */
  firstTokenMs: number;
  readyMs: number;
}

// Calls whose real intervals overlap ran in parallel; a call that started after another ended
// depended on it. The slack absorbs timer jitter at small time scales.
const SLACK_MS = 0.5;

/**
 * The longest chain of sequential calls ending in `compose`, weighted by simulated latency
 * (first-token latency for the compose call itself). Calls made after the reply (response
 * analysis) are not on it.
 */
export function criticalPath(calls: readonly SimulatedCall[]): CriticalPath {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const composeIndex = sorted.findIndex((call) => call.task === 'compose');
  if (composeIndex < 0) return { depth: 0, tasks: [], firstTokenMs: 0, readyMs: 0 };
  const best: { ms: number; chain: number[] }[] = [];
  sorted.forEach((call, index) => {
    let previous: { ms: number; chain: number[] } = { ms: 0, chain: [] };
    for (let before = 0; before < index; before += 1) {
      const candidate = best[before]!;
      if (sorted[before]!.endedAt <= call.startedAt + SLACK_MS && candidate.ms > previous.ms)
        previous = candidate;
    }
    const weight = call.task === 'compose' ? call.firstTokenMs : call.totalMs;
    best.push({ ms: previous.ms + weight, chain: [...previous.chain, index] });
  });
  const compose = sorted[composeIndex]!;
  const path = best[composeIndex]!;
  return {
    depth: path.chain.length,
    tasks: path.chain.map((index) => sorted[index]!.task),
    firstTokenMs: path.ms,
    readyMs: path.ms - compose.firstTokenMs + compose.totalMs,
  };
}
