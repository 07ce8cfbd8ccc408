import { z } from 'zod';

/** `{ checks: [{ n, why, applies }] }`: a short reason before each verdict, where it pays. */
export const reasonedChecksSchema = z.object({
  checks: z.array(
    z.object({
      n: z.number().int().describe('item number'),
      why: z.string().describe('at most 15 words'),
      applies: z.boolean(),
    }),
  ),
});
/** Answer of {@link reasonedChecksSchema}. */
export type ReasonedChecks = z.output<typeof reasonedChecksSchema>;

/** Reads {@link ReasonedChecks}. */
export function readReasonedChecks(answer: ReasonedChecks) {
  return answer.checks.map((check) => ({
    number: check.n,
    matched: check.applies,
    rationale: check.why,
  }));
}

/** `{ applies: [n, …] }`: the cheapest answer — only the numbers that apply, no reasons. */
export const numberListSchema = z.object({
  applies: z.array(z.number().int()).describe('numbers of the items that apply; [] if none'),
});
/** Answer of {@link numberListSchema}. */
export type NumberList = z.output<typeof numberListSchema>;

/** Reads {@link NumberList} for a batch of `size` items: every item gets a verdict. */
export function readNumberList(answer: NumberList, size: number) {
  const yes = new Set(answer.applies);
  return Array.from({ length: size }, (_, index) => ({
    number: index + 1,
    matched: yes.has(index + 1),
  }));
}

/**
 * `{ applies: [{ n, why }] }`: only the items that apply, each with a short reason. The default
 * for reasoned tasks: usually few items apply, so the answer — and the output tokens that
 * dominate latency — stays small however large the batch, while each match keeps its reason.
 * Items left out are evaluated as not applying.
 */
export const matchesOnlySchema = z.object({
  applies: z
    .array(
      z.object({
        n: z.number().int().describe('item number'),
        why: z.string().describe('at most 12 words'),
      }),
    )
    .describe('only the items that apply; [] if none'),
});
/** Answer of {@link matchesOnlySchema}. */
export type MatchesOnly = z.output<typeof matchesOnlySchema>;

/** Reads {@link MatchesOnly} for a batch of `size` items: every item gets a verdict. */
export function readMatchesOnly(answer: MatchesOnly, size: number) {
  const reasons = new Map<number, string>();
  for (const match of answer.applies) if (!reasons.has(match.n)) reasons.set(match.n, match.why);
  return Array.from({ length: size }, (_, index) => {
    const why = reasons.get(index + 1);
    return why === undefined
      ? { number: index + 1, matched: false }
      : { number: index + 1, matched: true, rationale: why };
  });
}

/** Writes a fully reasoned example answer in the terse {@link MatchesOnly} form. */
export function asMatchesOnly(answer: ReasonedChecks): MatchesOnly {
  return {
    applies: answer.checks.filter((check) => check.applies).map(({ n, why }) => ({ n, why })),
  };
}
