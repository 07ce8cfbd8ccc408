import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { ConfigurationError } from '@conduct/core';
import { z } from 'zod';
import type { StoredMessage } from './prompt-key.js';

/** The cassette file format's version; a file of another version is refused with a clear error. */
export const CASSETTE_VERSION = 1;

/** A prompt message in the file: its role and the key of its text in the file's `messages`. */
const messageRefSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  message: z.string(),
});

/** One recorded model call, as the file holds it. */
const fileEntrySchema = z.object({
  /** Groups calls that belong together (a scenario); `''` when the run did not name one. */
  scope: z.string(),
  task: z.string(),
  /** Position among the calls of this task in this scope, from 0, in the order they started. */
  order: z.number().int().min(0),
  kind: z.enum(['object', 'text']),
  /** Schema name and a hash of its JSON Schema (`object` calls). */
  schema: z.string().optional(),
  /** Hash of the normalized prompt: with task and schema, the key a call is replayed by. */
  promptHash: z.string(),
  /** The normalized prompt: each message's text is in the file's `messages`, by key. */
  prompt: z.array(messageRefSchema),
  /** Model id that answered when it was recorded. */
  model: z.string(),
  /** `object` calls: the answer as JSON. Absent when the raw text held no valid JSON value. */
  value: z.unknown().optional(),
  /** `text` calls: the whole text; `object` calls whose raw text is not plain JSON: that text. */
  text: z.string().optional(),
  /** `text` calls: why the stream ended, when not `stop`. */
  finishReason: z.enum(['max-tokens', 'content-filter']).optional(),
});

/** One recorded model call, its prompt in full (normalized, line by line). */
export type CassetteEntry = Omit<z.infer<typeof fileEntrySchema>, 'prompt'> & {
  prompt: StoredMessage[];
};

const cassetteFileSchema = z.object({
  format: z.literal('conduct-cassette'),
  version: z.number().int(),
  /** Tasks the recorded model marked small: they are asked in simpler shapes, so replay says so too. */
  smallTasks: z.array(z.string()),
  calls: z.array(fileEntrySchema),
  /**
   * The text of every prompt message, line by line, by a hash of it: the instructions most
   * calls share are stored once, and a changed prompt reads as a diff of its lines.
   */
  messages: z.record(z.string(), z.array(z.string())),
});

/** The content of a cassette file. */
export interface CassetteData {
  smallTasks: string[];
  calls: CassetteEntry[];
}

/**
 * Reads a cassette file. A missing file reads as an empty cassette when `missingOk`; an
 * unreadable, malformed or other-version file is a `ConfigurationError` naming the file.
 */
export async function readCassetteFile(path: string, missingOk: boolean): Promise<CassetteData> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && missingOk) {
      return { smallTasks: [], calls: [] };
    }
    throw new ConfigurationError(`Cannot read cassette ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigurationError(`Cassette ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== undefined && version !== CASSETTE_VERSION) {
    throw new ConfigurationError(
      `Cassette ${path} has format version ${String(version)}; this version reads ${CASSETTE_VERSION}: record it again`,
    );
  }
  const parsed = cassetteFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(
      `Cassette ${path} is not a Conduct cassette: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const { messages } = parsed.data;
  const calls: CassetteEntry[] = [];
  for (const [index, call] of parsed.data.calls.entries()) {
    const prompt: StoredMessage[] = [];
    for (const { role, message } of call.prompt) {
      const lines = messages[message];
      if (lines === undefined) {
        throw new ConfigurationError(
          `Cassette ${path} is not a Conduct cassette: calls.${index}.prompt names message '${message}', which it does not hold`,
        );
      }
      prompt.push({ role, lines });
    }
    calls.push({ ...call, prompt });
  }
  return { smallTasks: parsed.data.smallTasks, calls };
}

/**
 * The file's text: keys in a fixed order, calls sorted by scope, task and order, each prompt
 * message stored once under a hash of its text, two-space indentation and one prompt line per
 * JSON line, so a re-recording reads as a small diff.
 */
export function serializeCassette(data: CassetteData): string {
  const calls = [...data.calls].sort(
    (a, b) => compare(a.scope, b.scope) || compare(a.task, b.task) || a.order - b.order,
  );
  const messages = new Map<string, string[]>();
  const file = {
    format: 'conduct-cassette',
    version: CASSETTE_VERSION,
    smallTasks: [...data.smallTasks].sort(),
    calls: calls.map((entry) => orderedEntry(entry, messages)),
    messages: Object.fromEntries([...messages].sort(([a], [b]) => compare(a, b))),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes the cassette file. */
export async function writeCassetteFile(path: string, data: CassetteData): Promise<void> {
  await writeFile(path, serializeCassette(data), 'utf8');
}

function orderedEntry(
  entry: CassetteEntry,
  messages: Map<string, string[]>,
): Record<string, unknown> {
  return {
    scope: entry.scope,
    task: entry.task,
    order: entry.order,
    kind: entry.kind,
    ...(entry.schema === undefined ? {} : { schema: entry.schema }),
    promptHash: entry.promptHash,
    model: entry.model,
    ...(entry.value === undefined ? {} : { value: sortKeys(entry.value) }),
    ...(entry.text === undefined ? {} : { text: entry.text }),
    ...(entry.finishReason === undefined ? {} : { finishReason: entry.finishReason }),
    prompt: entry.prompt.map(({ role, lines }) => {
      const key = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);
      messages.set(key, lines);
      return { role, message: key };
    }),
  };
}

/** Object keys sorted at every level: a model's key order must not show up as a change. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
