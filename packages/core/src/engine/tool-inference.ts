import { z } from 'zod';
import type { Guideline } from '../domain/guideline.js';
import type { ToolInsight } from '../domain/turn-record.js';
import { createPrompt } from '../prompt/prompt-builder.js';
import type { Tool, ToolArgs } from '../tools/define-tool.js';
import type { ToolCall } from '../tools/run-tool-calls.js';
import { validateToolCall } from '../tools/validate-call.js';
import { formatToolOutcome, renderConversation } from './conversation.js';
import { proposedArgumentsSchema } from './tool-arguments-schema.js';
import type { TurnContext } from './turn-context.js';

/** Task name of tool-call inference, for model routing. */
export const TOOL_CALL_TASK = 'tool-call';

/** What inference decided for one candidate tool. */
export interface ToolInference {
  calls: ToolCall[];
  insights: ToolInsight[];
}

/** Options of {@link inferToolCalls}. */
export interface ToolInferenceOptions {
  /** Token budget of the conversation shown to the model. */
  historyBudgetTokens: number;
}

/**
 * Works out the calls of one candidate tool. A non-consequential tool without parameters is
 * called directly, with no model call. Otherwise one structured `tool-call` request proposes
 * zero or more calls; each is validated against the tool's own schema before it can run, and
 * whatever is missing or invalid becomes an insight for the reply.
 */
export async function inferToolCalls(
  tool: Tool,
  reasons: readonly Guideline[],
  context: TurnContext,
  options: ToolInferenceOptions,
): Promise<ToolInference> {
  if (!tool.consequential && Object.keys(tool.parameters.shape).length === 0) {
    return { calls: [{ tool, args: {} }], insights: [] };
  }
  const schema = z.object({
    calls: z.array(z.object({ arguments: proposedArgumentsSchema(tool) })),
  });
  const { value } = await context.model.generateObject({
    task: TOOL_CALL_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema,
    schemaName: 'tool_calls',
    messages: toolCallPrompt(tool, reasons, context, options),
  });
  const inference: ToolInference = { calls: [], insights: [] };
  for (const proposed of value.calls) {
    const validation = validateToolCall(tool, proposed.arguments);
    if (validation.ok) inference.calls.push({ tool, args: validation.args as ToolArgs });
    else inference.insights.push(...validation.insights);
  }
  return inference;
}

const INSTRUCTIONS = [
  'You decide whether a tool should be called right now, and with which arguments.',
  'The tool is offered because of the guidelines listed with it. Propose a call only when they apply to the latest customer message and the tool is needed to answer it.',
  'Take argument values only from the conversation or from earlier tool results. Never guess or invent a value: use null for any argument you do not know yet.',
  'Return an empty list of calls when the tool should not be called now. Propose several calls only when the customer asked about several things (for example two orders).',
];

function toolCallPrompt(
  tool: Tool,
  reasons: readonly Guideline[],
  context: TurnContext,
  options: ToolInferenceOptions,
) {
  const conversation = renderConversation(context.history, {
    budgetTokens: options.historyBudgetTokens,
  });
  return createPrompt()
    .section({ name: 'instructions', kind: 'static', content: INSTRUCTIONS })
    .section({
      name: 'tool',
      kind: 'dynamic',
      content: [
        `Name: ${tool.ref}`,
        `Description: ${tool.description}`,
        `Parameters (JSON Schema): ${JSON.stringify(tool.parametersJsonSchema)}`,
      ],
    })
    .section({
      name: 'guidelines',
      kind: 'dynamic',
      content: reasons.map((g) => `- When ${g.condition}${g.action ? `, then ${g.action}` : ''}`),
    })
    .section({
      name: 'tool-results',
      kind: 'dynamic',
      content: context.toolOutcomes.map((outcome) => formatToolOutcome(outcome)),
    })
    .section({ name: 'conversation', kind: 'dynamic', content: conversation.lines })
    .build();
}
