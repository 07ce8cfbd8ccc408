import {
  type AdapterCall,
  type ModelCallContext,
  type ModelMessage,
  openAdapterCall,
} from '@conduct/core';
import { OLLAMA_PROVIDER, type OllamaContext } from './ollama-context.js';
import { type CallLabel, toConductError } from './ollama-errors.js';
import type { OllamaCallRecord } from './ollama-options.js';

/** What a call is opened for. */
export interface CallDescription extends ModelCallContext {
  kind: OllamaCallRecord['kind'];
  model: string;
  messages: readonly ModelMessage[];
}

/** One port call of an Ollama model or embedder (core's `AdapterCall`), with its error label. */
export interface OllamaCall extends AdapterCall {
  readonly label: CallLabel;
}

/**
 * Opens one call through core's `openAdapterCall`: the provider's timeout, retries, prices and
 * `onCall`, Ollama's error mapping, and the id of the model that answered as the call's model.
 */
export function openCall(context: OllamaContext, call: CallDescription): OllamaCall {
  const label: CallLabel = { task: call.task, model: call.model, host: context.host };
  const adapterCall = openAdapterCall({
    ...call,
    traceId: call.traceId,
    timeoutMs: call.timeoutMs ?? context.timeoutMs,
    provider: OLLAMA_PROVIDER,
    operation:
      call.kind === 'embed'
        ? `Ollama embedding with '${call.model}'`
        : `Ollama call to '${call.model}' for task '${call.task}'`,
    toError: (error) => toConductError(error, label),
    retry: context.retry,
    prices: context.prices,
    onCall: context.onCall,
    reportedModel: 'response',
  });
  return Object.assign(adapterCall, { label });
}
