import {
  type AdapterCall,
  type ModelCallContext,
  type ModelMessage,
  openAdapterCall,
} from '@conduct/core';
import type { OpenAIContext } from './openai-context.js';
import { type CallInfo, callInfo, toConductError } from './openai-errors.js';
import type { OpenAICallRecord } from './openai-options.js';

/** What a call is opened for. */
export interface CallDescription extends Pick<ModelCallContext, 'signal' | 'timeoutMs'> {
  kind: OpenAICallRecord['kind'];
  task: string;
  traceId?: string | undefined;
  model: string;
  messages: readonly ModelMessage[];
}

/** One port call of an OpenAI model (core's `AdapterCall`), with who made it for error messages. */
export interface OpenAICall extends AdapterCall {
  readonly info: CallInfo;
}

/**
 * Opens one call through core's `openAdapterCall`: the provider's timeout, retries, prices and
 * `onCall`, OpenAI's error mapping, and the configured model id as the call's model.
 */
export function openCall(context: OpenAIContext, call: CallDescription): OpenAICall {
  const info = callInfo(context.name, call.model, call.task);
  const { options } = context;
  const adapterCall = openAdapterCall({
    ...call,
    traceId: call.traceId,
    timeoutMs: call.timeoutMs ?? options.timeoutMs,
    provider: context.name,
    operation: info.operation,
    toError: (error) => toConductError(error, info),
    retry: options.retry,
    prices: options.prices,
    onCall: options.onCall,
    reportedModel: 'configured',
  });
  return Object.assign(adapterCall, { info });
}
