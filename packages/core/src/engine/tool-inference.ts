import { z } from 'zod';
import { toolDisplayName } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import { createPrompt } from '../prompt/prompt-builder.js';
import type { Tool } from '../tools/define-tool.js';
import { currentTimeSection } from './current-time.js';
import type { ProposedToolCall } from './hooks.js';
import { taskConversation } from './task-conversation.js';
import { proposedArgumentsSchema } from './tool-arguments-schema.js';
import type { TurnContext } from './turn-context.js';

/** Task name of tool-call inference, for model routing. */
export const TOOL_CALL_TASK = 'tool-call';

/** Options of {@link inferToolCalls}. */
export interface ToolInferenceOptions {
  /** Token budget of the conversation shown to the model. */
  historyBudgetTokens: number;
}

/**
 * Proposes the calls of one candidate tool. A non-consequential tool without parameters is
 * called directly, with no model call. Otherwise one structured `tool-call` request proposes
 * zero or more calls, with arguments as the model gave them: the tool stage validates them
 * (once, after the `toolsInferred` hooks) before anything runs.
 */
export async function inferToolCalls(
  tool: Tool,
  reasons: readonly Guideline[],
  context: TurnContext,
  options: ToolInferenceOptions,
): Promise<ProposedToolCall[]> {
  if (!tool.consequential && Object.keys(tool.parameters.shape).length === 0) {
    return [{ tool: tool.ref, arguments: {} }];
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
  return value.calls.map((call) => ({ tool: tool.ref, arguments: call.arguments }));
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
  const conversation = taskConversation(context, {
    budgetTokens: options.historyBudgetTokens,
  });
  return createPrompt()
    .section({ name: 'instructions', kind: 'static', content: INSTRUCTIONS })
    .section(currentTimeSection(context))
    .section({
      name: 'tool',
      kind: 'dynamic',
      content: [
        `Name: ${toolDisplayName(tool.ref)}`,
        `Description: ${tool.description}`,
        `Parameters (JSON Schema): ${JSON.stringify(tool.parametersJsonSchema)}`,
      ],
    })
    .section({
      name: 'guidelines',
      kind: 'dynamic',
      content: reasons.map((g) => `- When ${g.condition}${g.action ? `, then ${g.action}` : ''}`),
    })
    .section({ name: 'conversation', kind: 'dynamic', content: conversation.lines })
    .build();
}
