import {
  type BatchOptions,
  ConfigurationError,
  currentTimeSection,
  errorMessage,
  formatNumberedList,
  type Guideline,
  glossarySection,
  isSmallModel,
  type NumberedBatch,
  numberedBatches,
  type PromptBuilder,
  type PromptExample,
  type StrategyResult,
  type TurnContext,
  taskPrompt,
  variablesSection,
} from '@conduct/core';
import { conversationFor } from './conversation-cache.js';
import { agentUnderEvaluation } from './judge-context.js';
import type { MatchingTask, TaskExample, TaskVerdict } from './matching-task.js';
import { itemNotes } from './tasks/item-notes.js';

/** Options of {@link runMatchingTask}. */
export interface RunTaskOptions {
  batch?: BatchOptions;
  /** Token budget of the conversation window in each prompt. Default 3000. */
  historyBudgetTokens?: number;
  /**
   * Batches of at most this many items are asked item by item (a reason, then the verdict, for
   * every item) by tasks that offer it (`MatchingTask.perItem`); larger batches get the cheaper
   * list of what applies. A task whose model the router marks small (`{ model, small: true }`)
   * is always asked item by item. Default 3; 0 keeps the list for every batch of a model not
   * marked small.
   */
  perItemUpTo?: number;
}

const staticPrompts = new WeakMap<MatchingTask, PromptBuilder>();

/**
 * Evaluates guidelines with one task: batches them by token budget, sends every batch in
 * parallel, and maps the local answer numbers back to guideline ids. A batch that fails (after
 * the model port's one repair attempt) leaves its guidelines unevaluated, with the error.
 */
export async function runMatchingTask<Answer>(
  task: MatchingTask<Answer>,
  guidelines: readonly Guideline[],
  context: TurnContext,
  options: RunTaskOptions = {},
): Promise<StrategyResult> {
  const batches = numberedBatches(guidelines, {
    text: (guideline) => itemText(task, guideline, context),
    ...options.batch,
  });
  const conversation = conversationFor(context, options.historyBudgetTokens ?? 3_000);
  const small = isSmallModel(context.model, task.name);
  const perItemUpTo = options.perItemUpTo ?? 3;
  const results = await Promise.all(
    batches.map((batch) => {
      const perItem = task.perItem !== undefined && (small || batch.items.length <= perItemUpTo);
      const asked = perItem
        ? (task.perItem as MatchingTask<unknown>)
        : (task as MatchingTask<unknown>);
      return runBatch({
        task: asked,
        // The per-item form normally shows items as its task does; re-render only if it differs.
        batch:
          asked.describe === task.describe
            ? batch
            : {
                items: batch.items,
                list: formatNumberedList(batch.items.map((g) => itemText(asked, g, context))),
              },
        context,
        conversation: conversation.lines,
      });
    }),
  );
  return {
    verdicts: results.flatMap((result) => result.verdicts),
    unevaluated: results.flatMap((result) => result.unevaluated ?? []),
  };
}

async function runBatch(input: {
  task: MatchingTask<unknown>;
  batch: NumberedBatch<Guideline>;
  context: TurnContext;
  conversation: readonly string[];
}): Promise<StrategyResult> {
  const { task, context, conversation } = input;
  const batch = input.batch.items;
  const messages = staticPromptOf(task)
    .section(currentTimeSection(context))
    .section({ name: 'agent', kind: 'dynamic', content: agentUnderEvaluation(context.agent) })
    // The business's vocabulary and the customer's facts decide what conditions mean; both
    // sections are left out when the turn has none.
    .section(glossarySection(context.grounding))
    .section(variablesSection(context.grounding))
    .section({ name: 'extra-context', kind: 'dynamic', content: task.context?.(batch, context) })
    .section({ name: 'conversation', kind: 'dynamic', content: [...conversation] })
    .section({ name: 'items', kind: 'dynamic', content: input.batch.list })
    .build();
  try {
    const { value } = await context.model.generateObject({
      task: task.name,
      traceId: context.traceId,
      signal: context.signal,
      schema: task.schemaFor?.(batch.length) ?? task.schema,
      schemaName: task.name.replaceAll('-', '_'),
      messages,
    });
    const answered = new Map<number, TaskVerdict>();
    for (const answer of task.read(value, batch.length, batch, context)) {
      // Answers about items the batch did not contain are ignored, never guessed at.
      if (answer.number >= 1 && answer.number <= batch.length && !answered.has(answer.number)) {
        answered.set(answer.number, answer);
      }
    }
    const result: StrategyResult = { verdicts: [], unevaluated: [] };
    batch.forEach((guideline, index) => {
      const answer = answered.get(index + 1);
      if (answer === undefined || answer.error !== undefined) {
        result.unevaluated?.push({
          guidelineId: guideline.id,
          error: answer?.error ?? 'the model gave no answer for it',
        });
      } else {
        const { number: _number, error: _error, ...verdict } = answer;
        result.verdicts.push({ guidelineId: guideline.id, ...verdict });
      }
    });
    return result;
  } catch (error) {
    context.signal.throwIfAborted();
    // A setup mistake (no model configured…) is not a failed evaluation: say it as it is.
    if (ConfigurationError.is(error)) throw error;
    const message = errorMessage(error);
    return { verdicts: [], unevaluated: batch.map((g) => ({ guidelineId: g.id, error: message })) };
  }
}

// An item as the model reads it: the task's rendering, then what the author wrote around it.
function itemText(task: MatchingTask<unknown>, guideline: Guideline, context: TurnContext): string {
  return [task.describe(guideline, context), ...itemNotes(guideline, context)].join('\n');
}

function staticPromptOf(task: MatchingTask<unknown>): PromptBuilder {
  let prompt = staticPrompts.get(task);
  if (prompt === undefined) {
    prompt = taskPrompt({
      instructions: task.instructions,
      examples: task.examples.map(promptExample),
    });
    staticPrompts.set(task, prompt);
  }
  return prompt;
}

function promptExample(example: TaskExample): PromptExample {
  return {
    fields: [
      { label: 'Conversation', lines: example.conversation },
      ...(example.context === undefined ? [] : [{ label: 'Context', lines: example.context }]),
      { label: 'Items', items: example.items },
    ],
    answer: example.answer,
  };
}
