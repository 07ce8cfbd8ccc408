import { createModelRouter, type LanguageModel } from '@conduct/core';
import { answerPerItem, createScriptedModel } from '@conduct/core/testing';
import { voltmartModel } from './voltmart-model.js';
import { voltmartTesters } from './voltmart-testers.js';

// The whole suite's model for `conduct test`, whose engine runs every default matcher: the
// example agent's model and the testers (judge, simulated customer) of the suite test, plus
// the two tasks that test turns off — guideline classification and response analysis —
// answered from evidence too.

const CONTINUOUS = /\b(always|never|keep|throughout|for as long as)\b/i;
const ASKS_CUSTOMER = /\b(ask|asks|once they|confirm)\b/i;

/** `classify-guideline`: labels read off each rule's words. */
const classifyFromWording = answerPerItem({
  applies: () => true,
  shape: (items) => ({
    items: items.map(({ n, text }) => {
      const action = text.split(' THEN ')[1] ?? '';
      return {
        n,
        reason: 'read off the rule as written',
        customerDependent: ASKS_CUSTOMER.test(action),
        continuous: CONTINUOUS.test(action),
        agentIntention: /^WHEN (the agent|you)\b/i.test(text),
      };
    }),
  }),
});

const STOP = new Set([
  'customer',
  'product',
  'their',
  'about',
  'which',
  'should',
  'before',
  'order',
]);

/** Distinctive words of a guideline's action (six letters or more). */
function actionWords(item: string): string[] {
  const action = (item.split(' THEN ')[1] ?? '').toLowerCase();
  return [...new Set(action.match(/[a-z]{6,}/g) ?? [])].filter((word) => !STOP.has(word));
}

/** `response-analysis`: applied when the reply just sent shares two distinctive words with the action. */
const appliedFromReply = answerPerItem({
  applies: (item, prompt) => {
    const reply = (prompt.section('reply') ?? '').toLowerCase();
    const shared = actionWords(item.text).filter((word) => reply.includes(word));
    return shared.length >= 2 && `the reply says ${shared.slice(0, 2).join(', ')}`;
  },
});

/** One model for every task the suite asks, by task name, as the command takes it. */
export function voltmartSuiteModel(): LanguageModel {
  const testers = voltmartTesters();
  const engineExtras = createScriptedModel({ modelId: 'voltmart-evidence' })
    .on('classify-guideline', classifyFromWording)
    .on('response-analysis', appliedFromReply);
  return createModelRouter({
    default: voltmartModel(),
    tasks: {
      'scenario-judge': testers,
      'simulated-customer': testers,
      'classify-guideline': engineExtras,
      'response-analysis': engineExtras,
    },
  });
}
