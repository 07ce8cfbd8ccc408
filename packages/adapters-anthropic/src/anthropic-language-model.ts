import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import {
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateWithRepair,
  type LanguageModel,
  type ModelMessage,
  ModelOutputError,
} from '@conduct/core';
import type { z } from 'zod';
import { openCall } from './anthropic-call.js';
import {
  type AnthropicContext,
  type ModelConfig,
  resolveModelConfig,
} from './anthropic-context.js';
import { type AnthropicTurn, toAnthropicPrompt } from './anthropic-messages.js';
import type { AnthropicModelSettings } from './anthropic-options.js';
import { streamText } from './anthropic-stream.js';
import {
  readStructuredOutput,
  repairTurns,
  structuredTool,
} from './anthropic-structured-output.js';
import { toModelUsage } from './anthropic-usage.js';

// Stop reasons after which the output is cut short or withheld: asking again with the same
// budget cannot fix it, so the call fails at once instead of spending a repair attempt.
const UNREPAIRABLE_STOPS: Readonly<Record<string, string>> = {
  max_tokens: 'was cut off at max_tokens; raise maxOutputTokens',
  refusal: 'was refused by the model',
};

/** Builds the {@link LanguageModel} of `modelId` on a provider's context. */
export function createLanguageModel(
  context: AnthropicContext,
  modelId: string,
  settings: AnthropicModelSettings = {},
): LanguageModel {
  const config = resolveModelConfig(context, modelId, settings);
  return {
    provider: 'anthropic',
    modelId,
    generateObject: (request) => generateObject(config, request),
    streamText: (request) => streamText(config, request),
  };
}

/**
 * `generateObject` over forced tool use: the schema becomes the `input_schema` of one tool,
 * `tool_choice` forces a call to it, and its `input` is validated with zod by core's
 * `generateWithRepair` (one repair attempt, then `ModelOutputError`).
 */
async function generateObject<S extends z.ZodType>(
  config: ModelConfig,
  request: GenerateObjectRequest<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const call = openCall(config, { ...request, kind: 'object' });
  try {
    call.deadline.throwIfDone();
    const tool = structuredTool(request.schema, request.schemaName);
    let lastToolUse: ToolUseBlock | undefined;
    const result = await generateWithRepair({
      task: request.task,
      schema: request.schema,
      messages: request.messages,
      attempt: async (messages, { repair }) => {
        const { base, tail } = attemptMessages(messages, repair, lastToolUse);
        const prompt = toAnthropicPrompt(base, { promptCaching: config.promptCaching, tail });
        const response = await call.send((signal) =>
          config.client.messages.create(
            {
              model: config.modelId,
              max_tokens: request.maxOutputTokens ?? config.maxOutputTokens,
              ...(prompt.system.length > 0 ? { system: prompt.system } : {}),
              messages: prompt.messages,
              tools: [tool.definition],
              tool_choice: { type: 'tool', name: tool.definition.name },
              ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            },
            { signal },
          ),
        );
        const usage = toModelUsage(response.usage);
        call.record(usage, response.model);
        const output = readStructuredOutput(response, tool);
        lastToolUse = output.toolUse;
        const stop = response.stop_reason ? UNREPAIRABLE_STOPS[response.stop_reason] : undefined;
        if (stop !== undefined) {
          throw new ModelOutputError(`Output of task '${request.task}' ${stop}`, {
            task: request.task,
            output: output.text,
            issues: [{ path: [], type: response.stop_reason ?? 'stopped', message: stop }],
          });
        }
        return { text: output.text, usage, model: response.model || config.modelId };
      },
    });
    call.succeed(result.rawText);
    return result;
  } catch (error) {
    throw call.fail(error);
  }
}

/**
 * The messages of one attempt. A repair after a tool call is sent natively (the call, then an
 * error `tool_result` listing the issues) instead of as the plain-text turns core builds.
 */
function attemptMessages(
  messages: ModelMessage[],
  repair: boolean,
  lastToolUse: ToolUseBlock | undefined,
): { base: ModelMessage[]; tail: AnthropicTurn[] } {
  const problems = messages.at(-1);
  if (!repair || lastToolUse === undefined || problems === undefined) {
    return { base: messages, tail: [] };
  }
  // core appends [assistant: bad output, user: problems]; both are replaced by the tool turns.
  return { base: messages.slice(0, -2), tail: repairTurns(lastToolUse, problems.content) };
}
