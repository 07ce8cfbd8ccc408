import {
  countTokens,
  currentTimeSection,
  type Guideline,
  loadTokenizer,
  ModelOutputError,
  type ResponseAnalyzer,
  type TurnContext,
} from '@conduct/core';
import { type BatchOptions, batchByTokenBudget } from '../batching.js';
import { conversationFor } from '../conversation-cache.js';
import { agentUnderEvaluation } from '../judge-context.js';
import {
  analysisStaticPrompt,
  describeForAnalysis,
  RESPONSE_ANALYSIS_TASK,
  responseAnalysisSchema,
} from './analysis-task.js';

/** Options of {@link createResponseAnalyzer}. */
export interface ResponseAnalyzerOptions {
  /** How guidelines are grouped into calls. Default: up to 8 per call, 1200 tokens of items. */
  batch?: BatchOptions;
  /** Token budget of the conversation shown before the reply. Default 3000. */
  historyBudgetTokens?: number;
  /**
   * What a guideline gets when its batch failed or the model did not answer about it:
   * - `assume-applied` (default): the composer was told to apply it, so it most likely did —
   *   the same assumption the engine makes without an analyzer. The next turn routes it to the
   *   re-apply check instead of repeating it. The failed call stays in the decision record.
   * - `assume-not-applied`: the next turn evaluates it as if never applied (may repeat it).
   * - `throw`: reject; the engine records the error and marks nothing applied this turn.
   */
  onFailure?: 'assume-applied' | 'assume-not-applied' | 'throw';
}

/**
 * The model-backed `response-analysis` task: after the reply was sent, decides which matched,
 * tracked guidelines it actually applied. Guidelines are batched by token budget and the
 * batches run in parallel; answers about numbers a batch did not contain are ignored.
 */
export function createResponseAnalyzer(options: ResponseAnalyzerOptions = {}): ResponseAnalyzer {
  const onFailure = options.onFailure ?? 'assume-applied';
  return {
    async analyze({ context, reply, guidelines }) {
      await loadTokenizer(); // loaded once per process; the engine has usually done it already
      const batches = batchByTokenBudget(
        guidelines,
        (guideline) => countTokens(describeForAnalysis(guideline)),
        { maxItems: 8, ...options.batch },
      );
      const conversation = conversationFor(context, options.historyBudgetTokens ?? 3_000).lines;
      const verdicts = await Promise.all(
        batches.map((batch) => analyzeBatch(batch, context, conversation, reply)),
      );
      const all = verdicts.flat();
      const unanswered = all.filter((verdict) => verdict.applied === undefined);
      if (unanswered.length > 0 && onFailure === 'throw') throw failureOf(unanswered);
      const applied = all.filter(
        (verdict) =>
          verdict.applied === true ||
          (verdict.applied === undefined && onFailure === 'assume-applied'),
      );
      return { appliedGuidelineIds: [...new Set(applied.map((v) => v.guideline.id))] };
    },
  };
}

interface BatchVerdict {
  guideline: Guideline;
  /** `undefined` when the batch failed or the model gave no answer for it. */
  applied: boolean | undefined;
  /** Why there is no verdict: the call's error, or the raw output that left it out. */
  failure?: { error?: unknown; output?: string };
}

// The original error when a call failed (so its type and code survive); otherwise the model
// answered but skipped items, which is an output error.
function failureOf(unanswered: readonly BatchVerdict[]): unknown {
  const thrown = unanswered.find((verdict) => verdict.failure?.error !== undefined);
  if (thrown !== undefined) return thrown.failure?.error;
  return new ModelOutputError(
    `The response analysis gave no verdict for ${unanswered.map((v) => v.guideline.id).join(', ')}`,
    { task: RESPONSE_ANALYSIS_TASK, output: unanswered[0]?.failure?.output ?? '' },
  );
}

async function analyzeBatch(
  batch: readonly Guideline[],
  context: TurnContext,
  conversation: readonly string[],
  reply: string,
): Promise<BatchVerdict[]> {
  const messages = analysisStaticPrompt
    .section(currentTimeSection(context))
    .section({ name: 'agent', kind: 'dynamic', content: agentUnderEvaluation(context.agent) })
    .section({ name: 'conversation', kind: 'dynamic', content: [...conversation] })
    .section({ name: 'reply', kind: 'dynamic', content: `Reply just sent: ${reply}` })
    .section({
      name: 'items',
      kind: 'dynamic',
      content: batch.map((guideline, index) => `${index + 1}. ${describeForAnalysis(guideline)}`),
    })
    .build();
  try {
    const { value, rawText } = await context.model.generateObject({
      task: RESPONSE_ANALYSIS_TASK,
      schemaName: RESPONSE_ANALYSIS_TASK.replaceAll('-', '_'),
      schema: responseAnalysisSchema,
      traceId: context.traceId,
      signal: context.signal,
      messages,
    });
    const answers = new Map<number, boolean>();
    for (const check of value.checks) {
      // Numbers outside the batch are ignored, never mapped to a guideline.
      if (check.n >= 1 && check.n <= batch.length && !answers.has(check.n)) {
        answers.set(check.n, check.applied);
      }
    }
    return batch.map((guideline, index) => {
      const applied = answers.get(index + 1);
      return applied === undefined
        ? { guideline, applied, failure: { output: rawText } }
        : { guideline, applied };
    });
  } catch (error) {
    context.signal.throwIfAborted();
    return batch.map((guideline) => ({ guideline, applied: undefined, failure: { error } }));
  }
}
