import { createHash } from 'node:crypto';
import { type ModelMessage, toJsonSchema } from '@conduct/core';
import type { z } from 'zod';

/** A rewrite applied to prompt text before it is hashed and stored. */
export interface PromptRewrite {
  pattern: RegExp;
  replacement: string;
}

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
// Full names, and the usual abbreviations (`Nov`, `Sept.`).
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';

/**
 * What changes from one run to the next while meaning the same: the turn's current time, dates
 * of sample data that move with today, timestamps and generated ids. Replacing them keeps a
 * cassette valid on another day; the stored prompt shows the placeholders.
 */
export const DEFAULT_PROMPT_REWRITES: readonly PromptRewrite[] = [
  // `Monday 7 December 2026, 17:42 (Europe/Paris)`: the turn time every prompt shows.
  {
    pattern: new RegExp(`${WEEKDAY} \\d{1,2} ${MONTH} \\d{4}, \\d{2}:\\d{2}`, 'g'),
    replacement: '<now>',
  },
  {
    pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
    replacement: '<timestamp>',
  },
  { pattern: /\b\d{4}-\d{2}-\d{2}\b/g, replacement: '<date>' },
  // `25 November 2028`, `Tuesday, 25 Nov 2028`
  {
    pattern: new RegExp(`(?:${WEEKDAY},? )?\\b\\d{1,2} ${MONTH} \\d{4}\\b`, 'g'),
    replacement: '<date>',
  },
  // `November 25, 2028`, `Nov 25th, 2028`
  {
    pattern: new RegExp(`(?:${WEEKDAY},? )?\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`, 'g'),
    replacement: '<date>',
  },
  {
    pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    replacement: '<uuid>',
  },
  // Trace ids: 32 lowercase hex characters.
  { pattern: /\b[0-9a-f]{32}\b/g, replacement: '<trace-id>' },
];

/** A prompt message as a cassette stores it: its role and its (rewritten) text, line by line. */
export interface StoredMessage {
  role: ModelMessage['role'];
  lines: string[];
}

/**
 * The prompt as the cassette keys and stores it: roles and rewritten text only (cache
 * breakpoints do not change what the model is asked), trailing spaces trimmed per line.
 */
export function normalizePrompt(
  messages: readonly ModelMessage[],
  rewrites: readonly PromptRewrite[],
): StoredMessage[] {
  return messages.map((message) => {
    let text = message.content;
    for (const { pattern, replacement } of rewrites) text = text.replace(pattern, replacement);
    return { role: message.role, lines: text.split('\n').map((line) => line.trimEnd()) };
  });
}

/** A short, stable hash of a normalized prompt. */
export function hashPrompt(prompt: readonly StoredMessage[]): string {
  return shortHash(JSON.stringify(prompt.map(({ role, lines }) => [role, lines])), 16);
}

/**
 * The identity of an output schema: its name and a hash of its JSON Schema, so a recording is
 * not replayed into a schema whose shape changed. A schema JSON cannot describe is named only.
 */
export function schemaIdentity(schema: z.ZodType, schemaName: string | undefined): string {
  let shape: string;
  try {
    shape = JSON.stringify(toJsonSchema(schema));
  } catch {
    return schemaName ?? 'schema';
  }
  return `${schemaName ?? 'schema'}#${shortHash(shape, 8)}`;
}

/** The prompt as one text, for diffs: a `[role]` line before each message. */
export function promptText(prompt: readonly StoredMessage[]): string {
  return prompt.map(({ role, lines }) => [`[${role}]`, ...lines].join('\n')).join('\n');
}

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
