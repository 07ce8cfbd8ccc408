import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { toolRefSchema } from './common.js';

/** How a reply was judged: `good` (keep doing this) or `bad` (see the corrections). */
export const feedbackRatingSchema = z.enum(['good', 'bad']);
/** How a reply was judged. */
export type FeedbackRating = z.infer<typeof feedbackRatingSchema>;

/** Items of a correction list, each kept once (in the order first given). */
function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z
    .array(item)
    .max(100)
    .transform((items) => [...new Set(items)]);
}

/** Reports each item of `yes` that is also in `no`, at its place in `no`. */
function refuseOverlap(
  yes: readonly string[],
  no: readonly string[],
  context: z.RefinementCtx,
  path: (string | number)[],
  label: string,
): void {
  const wanted = new Set(yes);
  for (const [index, item] of no.entries()) {
    if (!wanted.has(item)) continue;
    context.addIssue({
      code: 'custom',
      path: [...path, index],
      message: `${label} '${item}' cannot be in both lists`,
    });
  }
}

/**
 * What should have happened instead, in terms a test or a training example can use: guidelines
 * that should (not) have matched, the reply that should have been sent, tools that should (not)
 * have been called. Every part is optional; an empty correction says nothing.
 */
export const feedbackCorrectionsSchema = z
  .object({
    guidelines: z
      .object({
        /** Ids of guidelines that should have matched this turn. */
        shouldMatch: uniqueList(idSchema).default([]),
        /** Ids of guidelines that matched (or might have) and should not have. */
        shouldNotMatch: uniqueList(idSchema).default([]),
      })
      .default({ shouldMatch: [], shouldNotMatch: [] }),
    /** The reply that should have been sent, verbatim or close to it; `null`: not said. */
    expectedReply: z.string().trim().min(1).max(10_000).nullable().default(null),
    tools: z
      .object({
        /** Tools (`"service:tool"`) that should have been called. */
        shouldCall: uniqueList(toolRefSchema).default([]),
        /** Tools that should not have been called. */
        shouldNotCall: uniqueList(toolRefSchema).default([]),
      })
      .default({ shouldCall: [], shouldNotCall: [] }),
  })
  .superRefine((corrections, context) => {
    const { guidelines, tools } = corrections;
    refuseOverlap(
      guidelines.shouldMatch,
      guidelines.shouldNotMatch,
      context,
      ['guidelines', 'shouldNotMatch'],
      'guideline',
    );
    refuseOverlap(
      tools.shouldCall,
      tools.shouldNotCall,
      context,
      ['tools', 'shouldNotCall'],
      'tool',
    );
  });
/** What should have happened instead. */
export type FeedbackCorrections = z.infer<typeof feedbackCorrectionsSchema>;

/** The corrections of feedback that gives none. */
export function noCorrections(): FeedbackCorrections {
  return {
    guidelines: { shouldMatch: [], shouldNotMatch: [] },
    expectedReply: null,
    tools: { shouldCall: [], shouldNotCall: [] },
  };
}

const feedbackFields = {
  sessionId: idSchema,
  /** The agent that wrote the flagged message (it owns the guidelines the corrections name). */
  agentId: idSchema,
  /** The agent message flagged. */
  eventId: idSchema,
  /** The flagged message's trace: the turn (and its decision record) that produced it. */
  traceId: z.string().min(1).max(200),
  /** Who gave it (an operator's name or id, `customer:<customer id>`…); `null`: not said. */
  author: z.string().trim().min(1).max(300).nullable(),
  rating: feedbackRatingSchema,
  /** Free text: what was wrong or right, in the author's words. */
  comment: z.string().trim().min(1).max(10_000).nullable(),
  corrections: feedbackCorrectionsSchema,
};

/**
 * Someone's judgement of one agent message, and what should have happened instead: the raw
 * material of test scenarios and corrected training examples. Feedback is not edited: delete it
 * and give it again.
 */
export const feedbackSchema = z.object({
  id: idSchema,
  ...feedbackFields,
  createdAt: timestampSchema,
});
/** Someone's judgement of one agent message, and what should have happened instead. */
export type Feedback = z.infer<typeof feedbackSchema>;

/** What it takes to record feedback; author, comment and corrections are optional. */
export const feedbackInputSchema = z.object({
  id: idSchema.optional(),
  ...feedbackFields,
  author: feedbackFields.author.default(null),
  comment: feedbackFields.comment.default(null),
  corrections: feedbackFields.corrections.default(noCorrections),
});
/** What it takes to record feedback. */
export type FeedbackInput = z.input<typeof feedbackInputSchema>;
