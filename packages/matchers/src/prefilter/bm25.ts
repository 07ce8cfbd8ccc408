/** BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation. Default 1.2. */
  k1?: number;
  /** Length normalization, 0 (none) to 1 (full). Default 0.75. */
  b?: number;
}

/**
 * A BM25 index over tokenized documents (Okapi BM25 with the non-negative
 * `ln(1 + (N − df + 0.5) / (df + 0.5))` idf). Small and in memory: built per turn over the
 * candidate guidelines, which is cheaper than keeping one in sync with edits.
 */
export class Bm25Index {
  readonly #frequencies: Map<string, number>[];
  readonly #lengths: number[];
  readonly #averageLength: number;
  readonly #idf = new Map<string, number>();
  /** Term → the documents containing it, so scoring touches only documents that can score. */
  readonly #postings = new Map<string, number[]>();
  readonly #k1: number;
  readonly #b: number;

  constructor(documents: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.#k1 = options.k1 ?? 1.2;
    this.#b = options.b ?? 0.75;
    this.#frequencies = documents.map((terms) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      return counts;
    });
    this.#lengths = documents.map((terms) => terms.length);
    const total = this.#lengths.reduce((sum, length) => sum + length, 0);
    this.#averageLength = documents.length === 0 ? 0 : total / documents.length;
    this.#frequencies.forEach((counts, index) => {
      for (const term of counts.keys()) {
        const postings = this.#postings.get(term);
        if (postings === undefined) this.#postings.set(term, [index]);
        else postings.push(index);
      }
    });
    const n = documents.length;
    for (const [term, postings] of this.#postings) {
      const count = postings.length;
      this.#idf.set(term, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
    }
  }

  /**
   * The score of every document, in document order, for a query given as term → weight (a
   * term's weight multiplies its contribution; terms no document has contribute nothing).
   */
  score(query: ReadonlyMap<string, number>): number[] {
    const k1 = this.#k1;
    const scores = new Array<number>(this.#frequencies.length).fill(0);
    for (const [term, weight] of query) {
      const idf = this.#idf.get(term) ?? 0;
      for (const index of this.#postings.get(term) ?? []) {
        const tf = this.#frequencies[index]?.get(term) ?? 0;
        const length = this.#lengths[index] ?? 0;
        const norm =
          this.#averageLength === 0 ? 1 : 1 - this.#b + (this.#b * length) / this.#averageLength;
        scores[index] = (scores[index] ?? 0) + weight * idf * ((tf * (k1 + 1)) / (tf + k1 * norm));
      }
    }
    return scores;
  }
}
