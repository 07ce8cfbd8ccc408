import type { MatchedGuideline } from '../engine/composer.js';
import type { TurnContext } from '../engine/turn-context.js';

/**
 * Something the engine knows the reply must ask or carry out: a clarifying question
 * (disambiguation), the chat step of an active journey, or a tool argument the customer still
 * has to give.
 */
export interface PendingAsk {
  source: 'clarifying-question' | 'journey-step' | 'missing-information';
  /** The question, the step's instruction or the missing argument, as the prompts show it. */
  text: string;
  /** The journey's title, for a journey step. */
  journey?: string;
}

/** The turn's {@link PendingAsk}s, in the order the reply prompts list them. */
export function pendingAsks(
  context: Pick<TurnContext, 'activeJourneys' | 'insights'>,
  guidelines: readonly MatchedGuideline[],
): PendingAsk[] {
  return [
    ...guidelines.flatMap(({ clarifyingQuestion }) =>
      clarifyingQuestion === undefined
        ? []
        : [{ source: 'clarifying-question' as const, text: clarifyingQuestion }],
    ),
    ...context.activeJourneys.flatMap(({ journey, state }) =>
      state.type === 'chat'
        ? [{ source: 'journey-step' as const, text: state.instruction, journey: journey.title }]
        : [],
    ),
    ...context.insights.flatMap((insight) =>
      insight.kind === 'tool-error'
        ? []
        : [{ source: 'missing-information' as const, text: insight.message }],
    ),
  ];
}

/** One phrase per ask, for the decision record: `the step of journey "Refund": "Ask for …"`. */
export function describePendingAsks(asks: readonly PendingAsk[]): string {
  return asks
    .map((ask) => {
      if (ask.source === 'clarifying-question') return `the clarifying question "${ask.text}"`;
      if (ask.source === 'journey-step')
        return `the step of journey "${ask.journey}": "${ask.text}"`;
      return `the missing information "${ask.text}"`;
    })
    .join('; ');
}
