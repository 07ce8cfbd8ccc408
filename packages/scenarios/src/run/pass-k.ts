import type { RunPolicy } from '../scenario/types.js';
import type { PassK } from './results.js';

/**
 * pass^k for k = 1 … n, from n runs of which `passes` passed: the share of the C(n, k) sets of
 * k runs in which every run passed, C(passes, k) / C(n, k). It estimates the chance that k
 * fresh runs all pass: pass^1 is the pass rate; pass^n is 1 only when every run passed.
 */
export function passK(runs: number, passes: number): PassK[] {
  const result: PassK[] = [];
  for (let k = 1; k <= runs; k++) {
    result.push({ k, value: choose(passes, k) / choose(runs, k) });
  }
  return result;
}

/** C(n, k), exact for the small counts of a suite. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return Math.round(value);
}

/** Whether a scenario passes under its policy: every run (`all`), or more than half (`majority`). */
export function passesPolicy(policy: RunPolicy, runs: number, passes: number): boolean {
  return policy === 'all' ? passes === runs : passes * 2 > runs;
}
