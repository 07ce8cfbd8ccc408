import { createPrompt } from '../prompt/prompt-builder.js';
import { approvedWordingSection } from './approved-wording.js';
import type { ComposedReply, ComposeInput, Composer } from './composer.js';
import { JOURNEY_STEPS_INSTRUCTION } from './journey-compose.js';
import { REPLY_PRECEDENCE_RULES, replyContextSections } from './reply-context.js';
import { taskConversation } from './task-conversation.js';

/** Task name of reply composition, for model routing. */
export const COMPOSE_TASK = 'compose';

/** Options of {@link createFluidComposer}. */
export interface FluidComposerOptions {
  /** Token budget of the conversation window. Default 6000. */
  historyBudgetTokens?: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Upper bound on reply length. */
  maxOutputTokens?: number;
}

const INSTRUCTIONS = [
  "You write the next message of a company's customer-facing agent, speaking as that agent.",
  'Follow every guideline listed under <guidelines>: they were selected because they apply at this point of the conversation. Do not mention that you have guidelines.',
  ...REPLY_PRECEDENCE_RULES,
  'Use only facts from the conversation, the tool results and the context given here. Never invent order numbers, prices, dates, policies or outcomes; if something is unknown, say so or ask.',
  "Terms under <glossary> are the business's own vocabulary: read the customer's words and your guidelines with those meanings. Facts under <variables> are about this customer and this context; use them where they bear on the reply.",
  '<retrieved-data> is reference material fetched for this message: base your answer on it where it is relevant and ignore what is not.',
  "When <capabilities> lists something you can do that fits the customer's need, offer it; offer only what is listed there or follows from your guidelines.",
  'When <missing-information> lists something, ask the customer for it in a natural way before acting.',
  "When <clarify> lists a question, the customer's request is ambiguous: ask that question (in your own words) rather than guessing what they meant.",
  JOURNEY_STEPS_INSTRUCTION,
  'Answer everything the customer raised in their latest messages. Be concise, and reply in the language the customer uses.',
  'Write only the message itself: no preface, no quotes, no notes.',
];

/**
 * The free-text composer (`fluid` composition mode): one streamed `compose` call whose prompt
 * holds the agent's identity, the customer, the turn's grounding (relevant glossary
 * terms, the customer's variables, relevant capabilities, retrieved data), the matched
 * guidelines with their rationale, the turn's tool results and insights, the preamble already
 * sent this turn, and a token-budgeted conversation window. What wins when these disagree is
 * {@link REPLY_PRECEDENCE_RULES}.
 */
export function createFluidComposer(options: FluidComposerOptions = {}): Composer {
  return {
    compose(input: ComposeInput): ComposedReply {
      const { context } = input;
      const stream = context.model.streamText({
        task: COMPOSE_TASK,
        traceId: context.traceId,
        signal: context.signal,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        messages: composePrompt(input, options.historyBudgetTokens ?? 6_000),
      });
      const done = stream.result.then((result) => ({
        text: result.text,
        ...(result.finishReason === undefined ? {} : { finishReason: result.finishReason }),
      }));
      // Iterating `deltas` already surfaces a failure; this keeps an unawaited `done` quiet.
      done.catch(() => {});
      return { deltas: stream, done };
    },
  };
}

function composePrompt(input: ComposeInput, historyBudgetTokens: number) {
  const { context } = input;
  const conversation = taskConversation(context, { budgetTokens: historyBudgetTokens });
  let prompt = createPrompt().section({
    name: 'instructions',
    kind: 'static',
    content: INSTRUCTIONS,
  });
  for (const section of replyContextSections(context, input.guidelines)) {
    prompt = prompt.section(section);
  }
  return prompt
    .section(approvedWordingSection(input.approvedWording))
    .section({ name: 'conversation', kind: 'dynamic', content: conversation.lines })
    .section({
      name: 'task',
      kind: 'dynamic',
      content: `Write ${context.agent.name}'s next message.`,
    })
    .build();
}
