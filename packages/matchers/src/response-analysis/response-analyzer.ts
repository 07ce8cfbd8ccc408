import {
  type BatchOptions,
  currentTimeSection,
  errorMessage,
  type Guideline,
  loadTokenizer,
  ModelOutputError,
  type NumberedBatch,
  numberedBatches,
  type ResponseAnalyzer,
  readItemAnswers,
  type TurnContext,
} from '@conduct/core';
import { conversationFor } from '../conversation-cache.js';
import { agentUnderEvaluation } from '../judge-context.js';
import {
  analysisStaticPrompt,
  describeForAnalysis,
  RESPONSE_ANALYSIS_TASK,
  responseAnalysisSchemaFor,
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
 * batches run in parallel. Item numbers are bounded to the batch in the schema; an item the
 * answer leaves out or judges twice gets no verdict: it is counted by `onFailure` and reported
 * in `unevaluated`, never guessed at.
 */
export function createResponseAnalyzer(options: ResponseAnalyzerOptions = {}): ResponseAnalyzer {
  const onFailure = options.onFailure ?? 'assume-applied';
  return {
    async analyze({ context, reply, guidelines }) {
      await loadTokenizer(); // loaded once per process; the engine has usually done it already
      const batches = numberedBatches(guidelines, {
        text: describeForAnalysis,
        maxItems: 8,
        ...options.batch,
      });
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
      const counted =
        onFailure === 'assume-applied' ? 'counted as applied' : 'counted as not applied';
      return {
        appliedGuidelineIds: [...new Set(applied.map((v) => v.guideline.id))],
        unevaluated: unanswered.map((verdict) => ({
          guidelineId: verdict.guideline.id,
          error: `${reasonOf(verdict)} (${counted})`,
        })),
      };
    },
  };
}

interface BatchVerdict {
  guideline: Guideline;
  /** `undefined` when the batch failed or the model gave no answer for it. */
  applied: boolean | undefined;
  /**
   * Why there is no verdict: the call's error, or what was wrong with the answer about it
   * (`problem`) and the raw output.
   */
  failure?: { error?: unknown; problem?: string; output?: string };
}

function reasonOf(verdict: BatchVerdict): string {
  const { error, problem } = verdict.failure ?? {};
  if (error !== undefined) return errorMessage(error);
  return problem ?? 'the model gave no verdict for it';
}

// The original error when a call failed (so its type and code survive); otherwise the model
// answered but skipped items, which is an output error.
function failureOf(unanswered: readonly BatchVerdict[]): unknown {
  const thrown = unanswered.find((verdict) => verdict.failure?.error !== undefined);
  if (thrown !== undefined) return thrown.failure?.error;
  return new ModelOutputError(
    `The response analysis gave no verdict for ${unanswered.map((v) => `${v.guideline.id} (${reasonOf(v)})`).join(', ')}`,
    { task: RESPONSE_ANALYSIS_TASK, output: unanswered[0]?.failure?.output ?? '' },
  );
}

async function analyzeBatch(
  batch: NumberedBatch<Guideline>,
  context: TurnContext,
  conversation: readonly string[],
  reply: string,
): Promise<BatchVerdict[]> {
  const messages = analysisStaticPrompt
    .section(currentTimeSection(context))
    .section({ name: 'agent', kind: 'dynamic', content: agentUnderEvaluation(context.agent) })
    .section({ name: 'conversation', kind: 'dynamic', content: [...conversation] })
    .section({ name: 'reply', kind: 'dynamic', content: `Reply just sent: ${reply}` })
    .section({ name: 'items', kind: 'dynamic', content: batch.list })
    .build();
  try {
    const { value, rawText } = await context.model.generateObject({
      task: RESPONSE_ANALYSIS_TASK,
      schemaName: RESPONSE_ANALYSIS_TASK.replaceAll('-', '_'),
      schema: responseAnalysisSchemaFor(batch.items.length),
      traceId: context.traceId,
      signal: context.signal,
      messages,
    });
    // Numbers outside the batch fail validation; an item left out or judged twice is not
    // guessed at.
    const answers = readItemAnswers(value.checks, batch.items.length);
    return batch.items.map((guideline, index) => {
      const { entry, error } = answers[index] ?? { error: 'the model gave no verdict for it' };
      return entry === undefined
        ? { guideline, applied: undefined, failure: { problem: error, output: rawText } }
        : { guideline, applied: entry.applied };
    });
  } catch (error) {
    context.signal.throwIfAborted();
    return batch.items.map((guideline) => ({ guideline, applied: undefined, failure: { error } }));
  }
}
