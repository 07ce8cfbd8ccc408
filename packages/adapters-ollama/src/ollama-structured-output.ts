import { toJsonSchema } from '@conduct/core';
import type { z } from 'zod';
import { type CallLabel, malformedResponse } from './ollama-errors.js';
import type { ChatChunk } from './ollama-messages.js';

/**
 * The `format` of a structured call: the JSON Schema of the zod schema, which Ollama constrains
 * its output to. Throws `ConfigurationError` (from `toJsonSchema`) for schemas JSON cannot
 * describe.
 */
export function structuredFormat(schema: z.ZodType): Record<string, unknown> {
  return toJsonSchema(schema);
}

/** The answer text of a structured `/api/chat` response; an answer without one is malformed. */
export function readStructuredText(chunk: ChatChunk | undefined, label: CallLabel): string {
  const text = chunk?.message?.content;
  if (typeof text !== 'string') {
    throw malformedResponse('no message.content in the /api/chat answer', label);
  }
  return text;
}
