import type { GuidelineDefinition } from '@conduct/core';

// Topics of an electronics store's support agent; guidelines are generated from them so any
// count (10 … 1000) reads like a real behavior model and lexical pre-filtering has signal.
const TOPICS = [
  ['refund', 'asks for a refund on an order', 'check the order status before promising a refund'],
  [
    'warranty',
    'asks about the warranty of a product',
    'explain the two-year warranty and how to claim it',
  ],
  [
    'shipping',
    'asks when their order will arrive',
    'look up the shipping status and give the delivery date',
  ],
  [
    'return',
    'wants to return an item',
    'explain the 30-day return policy and offer a return label',
  ],
  ['laptop', 'asks which laptop to buy', 'ask about their budget and main use before recommending'],
  ['battery', 'reports that a battery drains quickly', 'suggest the battery health check steps'],
  [
    'invoice',
    'needs an invoice for a purchase',
    'offer to email the invoice to the address on file',
  ],
  ['discount', 'asks about discounts or coupons', 'mention the current student discount only'],
  ['store', 'asks about store opening hours', 'give the hours of the nearest store'],
  ['repair', 'wants a device repaired', 'book a repair appointment and list what to bring'],
  ['password', 'cannot log in to their account', 'send a password reset link'],
  [
    'payment',
    'reports a failed payment',
    'ask which payment method they used and suggest alternatives',
  ],
  ['headphones', 'asks about noise cancelling headphones', 'compare the two best-selling models'],
  [
    'television',
    'asks about television sizes',
    'ask about viewing distance before suggesting a size',
  ],
  ['damaged', 'received a damaged package', 'apologize and offer an immediate replacement'],
  ['cancel', 'wants to cancel an order', 'check whether the order has shipped before cancelling'],
  ['gift', 'asks about gift wrapping', 'explain gift wrapping costs 3 euros per item'],
  ['trade', 'asks about trading in an old phone', 'explain the trade-in valuation process'],
  ['subscription', 'asks about the care subscription', 'describe the care plan coverage and price'],
  [
    'angry',
    'is angry or uses strong language',
    'stay calm, acknowledge the frustration and apologize once',
  ],
] as const;

const VARIANTS = [
  ['', ''],
  [' for a business account', ' and mention the business support line'],
  [' during a sale period', ' and note that sale prices are final'],
  [' for an international order', ' and mention customs fees may apply'],
  [' more than once in the conversation', ' and offer to escalate to a specialist'],
] as const;

/** `count` realistic guidelines (topic × variant × numbered region), deterministic. */
export function guidelineDefinitions(count: number): GuidelineDefinition[] {
  const definitions: GuidelineDefinition[] = [];
  for (let index = 0; definitions.length < count; index += 1) {
    const [topic, condition, action] = TOPICS[index % TOPICS.length]!;
    const variant = VARIANTS[Math.floor(index / TOPICS.length) % VARIANTS.length]!;
    const region = Math.floor(index / (TOPICS.length * VARIANTS.length));
    const where = region === 0 ? '' : ` in region ${region}`;
    definitions.push({
      condition: `the customer ${condition}${variant[0]}${where}`,
      action: `${action}${variant[1]}`,
      criticality: index % 7 === 0 ? 'low' : index % 11 === 0 ? 'high' : 'medium',
      metadata: { topic },
    });
  }
  return definitions;
}

/** A conversation of `turns` customer/agent exchanges about assorted topics, oldest first. */
export function historyMessages(turns: number): { customer: string; agent: string }[] {
  return Array.from({ length: turns }, (_, index) => {
    const [topic] = TOPICS[(index * 7) % TOPICS.length]!;
    return {
      customer: `I have a question about ${topic} for my order ${1000 + index}, can you help me with that please?`,
      agent: `Of course. I have looked into the ${topic} question for order ${1000 + index}; here is what I found and what we can do next.`,
    };
  });
}

/** The customer message the measured turn answers: about refunds of a shipped laptop. */
export const MEASURED_MESSAGE =
  'Hi, I want a refund for the laptop I ordered, order 4411. Has it shipped yet?';
