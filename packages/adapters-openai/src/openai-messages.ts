import type { GenerationOptions, ModelMessage } from '@conduct/core';
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { JsonSchema } from './openai-json-schema.js';
import type { OpenAILanguageModelSettings, OpenAIProviderOptions } from './openai-options.js';

/** The fields every chat request shares: model, messages, sampling, extra body. */
export function baseBody(
  modelId: string,
  messages: readonly ModelMessage[],
  request: GenerationOptions,
  settings: OpenAILanguageModelSettings,
  options: OpenAIProviderOptions,
): Omit<ChatCompletionCreateParamsBase, 'stream' | 'stream_options'> {
  const temperature = request.temperature ?? settings.temperature;
  const maxTokens = request.maxOutputTokens ?? settings.maxOutputTokens;
  const maxTokensField = options.maxTokensParameter ?? 'max_completion_tokens';
  return {
    model: modelId,
    messages: chatMessages(messages),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { [maxTokensField]: maxTokens } : {}),
  };
}

/** Merges `extraBody` last, so server-specific fields can override anything. */
export function withExtraBody<T extends object>(body: T, settings: OpenAILanguageModelSettings): T {
  return settings.extraBody ? { ...body, ...settings.extraBody } : body;
}

/** Conduct messages as Chat Completions messages (`cacheBreakpoint` is Anthropic's concern). */
export function chatMessages(messages: readonly ModelMessage[]): ChatCompletionMessageParam[] {
  return messages.map(({ role, content }) => ({ role, content }));
}

/**
 * The prompt of a JSON-mode call: the schema goes at the end of the first system message (one
 * is added when there is none), because several compatible servers' chat templates reject
 * system messages anywhere but first. It says "JSON", which `json_object` mode requires.
 */
export function withJsonInstructions(
  messages: readonly ModelMessage[],
  jsonSchema: JsonSchema,
): ModelMessage[] {
  const instructions = [
    'Reply with only a JSON value that conforms to this JSON Schema (no prose, no code fences):',
    JSON.stringify(jsonSchema),
  ].join('\n');
  const index = messages.findIndex((message) => message.role === 'system');
  if (index === -1) return [{ role: 'system', content: instructions }, ...messages];
  return messages.map((message, position) =>
    position === index ? { ...message, content: `${message.content}\n\n${instructions}` } : message,
  );
}
