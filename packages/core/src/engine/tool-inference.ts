import { z } from 'zod';
import { toolDisplayName } from '../domain/common.js';
import { formatList } from '../prompt/format-list.js';
import { reasonFirst } from '../prompt/reason-first.js';
import { taskPrompt } from '../prompt/task-prompt.js';
import type { Tool } from '../tools/define-tool.js';
import { agentContextLines } from './agent-context.js';
import { currentTimeSection } from './current-time.js';
import type { ProposedToolCall } from './hooks.js';
import { taskConversation } from './task-conversation.js';
import { proposedArgumentsSchema } from './tool-arguments-schema.js';
import type { JourneyToolStep, ToolOffer } from './tool-offer.js';
import type { TurnContext } from './turn-context.js';

/** Task name of tool-call inference, for model routing. */
export const TOOL_CALL_TASK = 'tool-call';

/** Options of {@link inferToolCalls}. */
export interface ToolInferenceOptions {
  /** The tool and what offered it. */
  offer: ToolOffer;
  context: TurnContext;
  /** Token budget of the conversation shown to the model. */
  historyBudgetTokens: number;
  /**
   * How the prompt names tools, by reference (see `toolDisplayNames`): the round's tools side
   * by side, so two services' tools of the same name are told apart.
   */
  names: ReadonlyMap<string, string>;
}

/** What the tool round learned about one offered tool. */
export interface ToolInference {
  /** Calls to validate and run. */
  calls: ProposedToolCall[];
  /** Calls of a consequential tool the customer has not confirmed: they never run. */
  unconfirmed: ProposedToolCall[];
  /** Why, as the model stated it before its calls (or the engine's own words). */
  reason: string;
  /** `engine` when the tool was called with no model call. */
  decidedBy: 'tool-call' | 'engine';
}

/**
 * Proposes the calls of one offered tool. A non-consequential tool without parameters is
 * called directly, with no model call. Otherwise one structured `tool-call` request gives a
 * short reason, then zero or more calls, with arguments as the model gave them: the tool stage
 * validates them (once, after the `toolsInferred` hooks) before anything runs. Each call of a
 * consequential tool also says whether the customer's latest message(s) confirm it; unconfirmed
 * ones are held back.
 */
export async function inferToolCalls(options: ToolInferenceOptions): Promise<ToolInference> {
  const { offer, context } = options;
  const tool = offer.tool;
  if (!tool.consequential && Object.keys(tool.parameters.shape).length === 0) {
    return {
      calls: [{ tool: tool.ref, arguments: {} }],
      unconfirmed: [],
      reason: 'offered, and it takes no arguments',
      decidedBy: 'engine',
    };
  }
  const { value } = await context.model.generateObject({
    task: TOOL_CALL_TASK,
    traceId: context.traceId,
    signal: context.signal,
    schema: answerSchema(tool),
    schemaName: 'tool_calls',
    messages: toolCallPrompt(options),
  });
  const proposed = value.calls.map((call) => ({
    call: { tool: tool.ref, arguments: call.arguments },
    // Only consequential tools ask; the engine trusts nothing else to mean "confirmed".
    confirmed: !tool.consequential || call.confirmed === true,
  }));
  return {
    calls: proposed.filter((entry) => entry.confirmed).map((entry) => entry.call),
    unconfirmed: proposed.filter((entry) => !entry.confirmed).map((entry) => entry.call),
    reason: value.reason,
    decidedBy: 'tool-call',
  };
}

const REASON = reasonFirst(15, { about: 'why the tool is called now or not' });

// The reason comes first, so the model states its decision before it writes any call.
function answerSchema(tool: Tool) {
  const call = z.object({
    arguments: proposedArgumentsSchema(tool),
    ...(tool.consequential
      ? {
          confirmed: z
            .boolean()
            .describe('true only if the latest customer message(s) confirm this exact call'),
        }
      : {}),
  }) as z.ZodType<{ arguments: Record<string, unknown>; confirmed?: boolean }>;
  return z.object({
    reason: REASON.field(),
    calls: z.array(call).describe('[] when the tool should not be called now'),
  });
}

const INSTRUCTIONS = [
  'You decide whether one tool should be called right now, and with which arguments.',
  'The tool is offered for the reasons in the sections after it:',
  '- <guidelines>: call it only when a guideline applies to the latest customer message and the call is needed to act on it.',
  '- <journey-steps>: the flow the customer is in has reached a step that runs this tool, so the flow requires the call now, even when the latest customer message is about something else (the agent answers that too).',
  'Take argument values only from the conversation, from earlier tool results or from what the business wrote about the agent. Never guess or invent a value: use null for any argument you do not know yet, and the agent will ask for it.',
  'Return an empty list of calls when the tool should not be called now. Propose several calls only when the customer asked about several things (for example two orders).',
  REASON.single(),
];

const CONSEQUENTIAL = [
  'This tool changes something for the customer. Mark a call "confirmed": true only if the customer confirmed it in their latest message(s), those after the last "Agent:" line: they said yes after that line stated this action with these argument values, or they asked for exactly this, with these values. Wanting it or asking about it is not a confirmation.',
  'A confirmation covers one run: if the conversation shows this exact call already ran after it, it is not confirmed.',
  'A call with "confirmed": false does not run: the agent asks the customer to confirm it first.',
];

function toolCallPrompt(options: ToolInferenceOptions) {
  const { offer, context, names } = options;
  const tool = offer.tool;
  const nameOf = (ref: string) => names.get(ref) ?? toolDisplayName(ref);
  const conversation = taskConversation(context, {
    budgetTokens: options.historyBudgetTokens,
  });
  return taskPrompt({ instructions: INSTRUCTIONS })
    .section(currentTimeSection(context))
    .section({
      name: 'agent',
      kind: 'dynamic',
      content: agentContextLines(context.agent, 'You prepare tool calls for'),
    })
    .section({
      name: 'tool',
      kind: 'dynamic',
      content: [
        `Name: ${nameOf(tool.ref)}`,
        `Description: ${tool.description}`,
        `Parameters (JSON Schema): ${JSON.stringify(withoutDialect(tool.parametersJsonSchema))}`,
      ],
    })
    .section({
      name: 'consequential',
      kind: 'dynamic',
      content: tool.consequential ? CONSEQUENTIAL : [],
    })
    .section({
      name: 'guidelines',
      kind: 'dynamic',
      content: formatList(
        offer.guidelines.map((g) => `When ${g.condition}${g.action ? `, then ${g.action}` : ''}`),
      ),
    })
    .section({
      name: 'journey-steps',
      kind: 'dynamic',
      content: formatList(offer.journeySteps.map((step) => journeyStepLine(step, nameOf))),
    })
    .section({ name: 'conversation', kind: 'dynamic', content: conversation.lines })
    .build();
}

/** `The "Warranty claim" flow (what it is for) is at its step "lookup": run warranty_lookup`. */
function journeyStepLine({ journey, state }: JourneyToolStep, nameOf: (ref: string) => string) {
  const about = journey.description?.trim() ? ` (${journey.description.trim()})` : '';
  const step = state.instruction ?? `run ${state.tools.map(nameOf).join(', ')}`;
  return `The "${journey.title}" flow${about} is at its step "${state.id}": ${step}`;
}

/** The schema without its `$schema` dialect URL: tokens that tell the model nothing. */
function withoutDialect(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}
