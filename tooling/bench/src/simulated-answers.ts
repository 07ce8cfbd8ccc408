import type { ModelMessage } from '@conduct/core';
import type { SimulatedAnswer } from '@conduct/core/testing';

// Plausible answers per task for the simulated model: matcher tasks answer for every numbered
// item (applies when the item shares a topic word with the measured message), tool inference
// proposes one call, text tasks return sentences of realistic length.
// A real message matches a handful of guidelines: the plain refund / shipping / laptop ones,
// not every business, sale, international or regional variant of them.
const TOPICAL = /refund|laptop|shipping|order status|shipped/i;
const VARIANT = /business|sale period|international|more than once|region \d/i;
const RELEVANT = { test: (item: string) => TOPICAL.test(item) && !VARIANT.test(item) };

export const simulatedAnswers: SimulatedAnswer = (task, messages) => {
  switch (task) {
    case 'compose':
      return 'I can help with that. Order 4411 shipped yesterday and should arrive on Thursday. Once it arrives, you can request a refund within 30 days from your account page or by replying here, and I will send you a prepaid return label.';
    case 'preamble':
      return 'Let me check that for you.';
    case 'tool-call':
      return {
        reason: 'the customer asks about order 4411',
        calls: [{ arguments: { orderId: '4411' } }],
      };
    case 'low-criticality':
      return {
        applies: items(messages).flatMap((item, index) => (RELEVANT.test(item) ? [index + 1] : [])),
      };
    case 'response-analysis':
      return {
        checks: items(messages).map((_, index) => ({
          n: index + 1,
          why: 'the reply did this',
          applied: true,
        })),
      };
    case 'classify-guideline':
      return {
        items: items(messages).map((_, index) => ({
          n: index + 1,
          reason: 'a one-off step',
          customerDependent: false,
          continuous: false,
          agentIntention: false,
        })),
      };
    case 'disambiguation':
      return {
        checks: items(messages).map((_, index) => ({
          n: index + 1,
          why: 'clear intent',
          applies: false,
          fits: [],
          ask: '',
        })),
      };
    default:
      // Small batches (and small models) are asked for a verdict on every item.
      if (messages.some((message) => message.content.includes('Answer every item, in order'))) {
        return {
          items: items(messages).map((item, index) => ({
            n: index + 1,
            reason: RELEVANT.test(item) ? 'the customer asks about this now' : 'not discussed',
            applies: RELEVANT.test(item),
          })),
        };
      }
      return {
        applies: items(messages).flatMap((item, index) =>
          RELEVANT.test(item) ? [{ n: index + 1, why: 'the customer asks about this now' }] : [],
        ),
      };
  }
};

/** The numbered lines of the prompt's `<items>` section. */
function items(messages: readonly ModelMessage[]): string[] {
  const text = messages.map((message) => message.content).join('\n');
  const section = /<items>\n([\s\S]*?)\n<\/items>/.exec(text)?.[1] ?? '';
  return section.split('\n').filter((line) => /^\d+\. /.test(line));
}
