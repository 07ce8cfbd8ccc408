import {
  answerPerItem,
  createScriptedModel,
  promptItems,
  type ScriptedAnswerFunction,
  type ScriptedModel,
  viewPrompt,
} from '@conduct/core/testing';

// Evidence-based scripts for the shop agent (fixtures/shop-agent.ts): every answer depends on
// what the prompt shows, as a careful, literal model would answer.

/** The latest customer line of the conversation section. */
function latestCustomer(request: Parameters<ScriptedAnswerFunction>[0]): string {
  const conversation = viewPrompt(request).section('conversation') ?? '';
  return [...conversation.matchAll(/^Customer \([^)]*\): (.*)$/gm)].at(-1)?.[1] ?? '';
}

/** Guidelines apply on the customer's latest words: an order number, or a greeting. */
const matching = answerPerItem({
  applies: (item, prompt) => {
    const conversation = prompt.section('conversation') ?? '';
    const latest = [...conversation.matchAll(/^Customer \([^)]*\): (.*)$/gm)].at(-1)?.[1] ?? '';
    if (item.text.includes('where their order is'))
      return /order \d{4}/i.test(latest) && 'asks about an order';
    if (item.text.includes('greets')) return /^(hi|hello)\b/i.test(latest) && 'says hello';
    return false;
  },
});

/** Every rule is a one-off step the agent takes alone. */
const classify: ScriptedAnswerFunction = (request) => ({
  items: promptItems(viewPrompt(request).section('items') ?? '').map(({ n }) => ({
    n,
    reason: 'a one-off step the agent takes alone',
    customerDependent: false,
    continuous: false,
    agentIntention: false,
  })),
});

/** Calls the order tool with the number the customer gave, and only then. */
const orderCall: ScriptedAnswerFunction = (request) => {
  const order = /order (\d{4})/i.exec(latestCustomer(request))?.[1];
  return order === undefined
    ? { reason: 'no order number given', calls: [] }
    : { reason: `the customer gave order ${order}`, calls: [{ arguments: { orderId: order } }] };
};

/** Replies from what the prompt shows: a tool result, a greeting guideline, else a question. */
const compose: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const found = [...prompt.text.matchAll(/"orderId":"(\d{4})","status":"(\w+)"/g)].at(-1);
  if (found !== undefined) return `Order ${found[1]} is ${found[2]}.`;
  if (prompt.shows('greet them back')) return 'Hello! How can I help you today?';
  return 'Could you tell me your order number?';
};

/** The reply applied a guideline when it says what the guideline asks for. */
const responseAnalysis = answerPerItem({
  applies: (item, prompt) =>
    (item.text.includes('tell its status') && /Order \d{4} is/.test(prompt.text)) ||
    (item.text.includes('greet them back') && prompt.shows('Hello!')),
});

/** The scripted model of the shop agent, as if it were the real one. */
export function shopModel(): ScriptedModel {
  return createScriptedModel()
    .on('classify-guideline', classify)
    .on('observation', matching)
    .on('actionable', matching)
    .on('reapply', matching)
    .on('low-criticality', matching)
    .on('tool-call', orderCall)
    .on('compose', compose)
    .on('response-analysis', responseAnalysis);
}
