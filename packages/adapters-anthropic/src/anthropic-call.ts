import {
  type AdapterCall,
  type ModelCallContext,
  type ModelMessage,
  openAdapterCall,
} from '@conduct/core';
import type { ModelConfig } from './anthropic-context.js';
import { toConductError } from './anthropic-errors.js';
import type { AnthropicCallRecord } from './anthropic-options.js';

/** What a call is opened for. */
export interface CallDescription extends ModelCallContext {
  kind: AnthropicCallRecord['kind'];
  messages: readonly ModelMessage[];
}

/**
 * Opens one call through core's `openAdapterCall`: the model's timeout, the provider's retries,
 * prices and `onCall`, Anthropic's error mapping, and the id of the model that answered as the
 * call's model.
 */
export function openCall(config: ModelConfig, call: CallDescription): AdapterCall {
  const { modelId } = config;
  const context = { task: call.task, model: modelId };
  return openAdapterCall({
    ...call,
    traceId: call.traceId,
    timeoutMs: call.timeoutMs ?? config.timeoutMs,
    provider: 'anthropic',
    model: modelId,
    operation: `Anthropic call to '${modelId}' for task '${call.task}'`,
    toError: (error) => toConductError(error, context),
    retry: config.retry,
    prices: config.prices,
    onCall: config.onCall,
    reportedModel: 'response',
  });
}
