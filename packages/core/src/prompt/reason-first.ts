import { z } from 'zod';

/**
 * A short reason the model writes before its verdict: the schema field and the instruction
 * sentences that ask for it, from one word limit so the two never disagree. The reason field
 * goes before the verdict fields of an answer: models write JSON in schema order, so the
 * verdict then follows from the reason instead of being justified after the fact.
 */
export interface ReasonFirst {
  /** The word limit. */
  readonly words: number;
  /** The schema field: a string described as `at most N words` (after `about`, if given). */
  field(): z.ZodString;
  /**
   * The instruction for an answer about every item: `Answer every item, in order: first a
   * reason of at most N words, then <then>.`
   */
  everyItem(then: string): string;
  /**
   * The instruction for an answer that lists only the items that count: `List only the items
   * that <verb>, by number, each with a reason of at most N words; leave the others out.`
   */
  listedOnly(verb: string): string;
  /** The instruction for a single decision: `Give the reason for your decision first, in at most N words.` */
  single(): string;
}

/** Options of {@link reasonFirst}. */
export interface ReasonFirstOptions {
  /** What the reason is about, shown before the word limit in the field's description. */
  about?: string;
}

/** The {@link ReasonFirst} helpers for a reason of at most `words` words. */
export function reasonFirst(words: number, options: ReasonFirstOptions = {}): ReasonFirst {
  const limit = `at most ${words} words`;
  return Object.freeze({
    words,
    field: () => z.string().describe(options.about ? `${options.about}, ${limit}` : limit),
    everyItem: (then: string) =>
      `Answer every item, in order: first a reason of ${limit}, then ${then}.`,
    listedOnly: (verb: string) =>
      `List only the items that ${verb}, by number, each with a reason of ${limit}; leave the others out.`,
    single: () => `Give the reason for your decision first, in ${limit}.`,
  });
}
