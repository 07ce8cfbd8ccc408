import type { z } from 'zod';
import type {
  GenerateObjectRequest,
  ModelMessage,
  ModelUsage,
  StreamTextRequest,
} from '../model/language-model.js';
import { ZERO_USAGE } from '../model/language-model.js';

/** One attempt sent to the scripted backend. */
export interface ScriptedAttempt {
  messages: ModelMessage[];
  /** Raw text the attempt returned (absent when it failed). */
  output?: string;
}

/** One call made to a {@link ScriptedModel}; recorded when it starts, completed when it ends. */
export interface ScriptedModelCall {
  task: string;
  traceId: string | undefined;
  kind: 'object' | 'text';
  /** The prompt as the caller sent it. */
  messages: ModelMessage[];
  /** The output schema of a structured call. */
  schema: z.ZodType | undefined;
  request: GenerateObjectRequest | StreamTextRequest;
  /** Every attempt: one, or two when a structured call needed its repair attempt. */
  attempts: ScriptedAttempt[];
  /** Final raw text (structured) or whole text (streamed); absent on failure. */
  output?: string;
  /** The validated value of a successful structured call. */
  value?: unknown;
  /** What the call rejected with. */
  error?: unknown;
  usage: ModelUsage;
  startedAt: string;
  /** Absent while the call is still running. */
  endedAt?: string;
}

/** Appends the record of a call that starts now to `calls` and returns it for completion. */
export function startScriptedCall(
  calls: ScriptedModelCall[],
  kind: 'object' | 'text',
  request: GenerateObjectRequest | StreamTextRequest,
  schema: z.ZodType | undefined,
): ScriptedModelCall {
  const call: ScriptedModelCall = {
    task: request.task,
    traceId: request.traceId,
    kind,
    messages: request.messages,
    schema,
    request,
    attempts: [],
    usage: { ...ZERO_USAGE },
    startedAt: new Date().toISOString(),
  };
  calls.push(call);
  return call;
}
