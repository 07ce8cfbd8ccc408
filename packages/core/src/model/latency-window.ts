/**
 * The latencies of the most recent successful calls of one task on one model, oldest dropped
 * first once `size` are held.
 */
export class LatencyWindow {
  readonly #samples: number[] = [];
  #next = 0;

  constructor(readonly size: number) {}

  /** How many samples are held. */
  get count(): number {
    return this.#samples.length;
  }

  add(ms: number): void {
    if (this.#samples.length < this.size) this.#samples.push(ms);
    else this.#samples[this.#next] = ms;
    this.#next = (this.#next + 1) % this.size;
  }

  /** The `q` quantile (0–1) of the held samples by the nearest-rank method; 0 when empty. */
  quantile(q: number): number {
    if (this.#samples.length === 0) return 0;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const rank = Math.ceil(q * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
  }
}
