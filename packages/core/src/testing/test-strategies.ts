import { z } from 'zod';
import type { Guideline } from '../domain/guideline.js';
import type { MatchingStrategy, StrategyResult } from '../engine/matching-strategy.js';
import type { TurnContext } from '../engine/turn-context.js';
import { formatNumberedList } from '../prompt/format-list.js';

/** A strategy that matches every guideline it is given (optionally only those `where` accepts). */
export function matchAllStrategy(
  where: (guideline: Guideline) => boolean = () => true,
): MatchingStrategy {
  return {
    name: 'always',
    handles: (guideline) => where(guideline),
    evaluate: async (guidelines) => ({
      verdicts: guidelines.map((g) => ({
        guidelineId: g.id,
        matched: true,
        rationale: 'always on',
      })),
    }),
  };
}

/**
 * Matches a guideline when its condition shares a keyword with the latest customer message
 * (case-insensitive words of 4+ letters). Deterministic, no model: handy in tests and demos.
 */
export function keywordStrategy(): MatchingStrategy {
  return {
    name: 'keyword',
    handles: () => true,
    evaluate: async (guidelines, context) => {
      const latest = [...context.history]
        .reverse()
        .find((event) => event.kind === 'message' && event.source === 'customer');
      const words = new Set(
        latest?.kind === 'message' ? tokenize(latest.data.message) : ([] as string[]),
      );
      return {
        verdicts: guidelines.map((guideline) => {
          const shared = tokenize(guideline.condition).filter((word) => words.has(word));
          return {
            guidelineId: guideline.id,
            matched: shared.length > 0,
            rationale: shared.length > 0 ? `mentions ${shared.join(', ')}` : 'no shared keyword',
          };
        }),
      };
    },
  };
}

/**
 * A minimal model-backed strategy: one structured call (task `task`) per evaluation, listing
 * the guidelines by local number and asking which apply. Script it with
 * `model.on(task, { matches: [{ number: 1, applies: true, rationale: '…' }] })`.
 */
export function scriptedTaskStrategy(task = 'actionable'): MatchingStrategy {
  const schema = z.object({
    matches: z.array(
      z.object({
        number: z.number().int(),
        applies: z.boolean(),
        rationale: z.string().optional(),
      }),
    ),
  });
  return {
    name: task,
    handles: () => true,
    async evaluate(guidelines: Guideline[], context: TurnContext): Promise<StrategyResult> {
      const { value } = await context.model.generateObject({
        task,
        traceId: context.traceId,
        signal: context.signal,
        schema,
        messages: [
          {
            role: 'user',
            content: formatNumberedList(guidelines.map((g) => g.condition)),
          },
        ],
      });
      return {
        verdicts: value.matches.flatMap((answer) => {
          const guideline = guidelines[answer.number - 1];
          return guideline === undefined
            ? []
            : [{ guidelineId: guideline.id, matched: answer.applies, rationale: answer.rationale }];
        }),
      };
    },
  };
}

function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
}
