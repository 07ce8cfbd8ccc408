import { z } from 'zod';
import { ConfigurationError, ModelOutputError, type ValidationIssue } from '../errors/errors.js';
import { toValidationIssues } from '../errors/from-zod.js';
import { errorMessage } from '../util/error-message.js';
import { extractJsonCandidates, tryParse } from './json-extraction.js';
import type { GenerateObjectResult, ModelMessage, ModelUsage } from './language-model.js';
import { addUsage } from './usage.js';

/** Outcome of {@link parseStructuredOutput}. */
export type StructuredOutputParse<T> =
  | { ok: true; value: T }
  | { ok: false; issues: ValidationIssue[]; message: string };

/** What one attempt of {@link generateWithRepair} returns: the model's raw text and accounting. */
export interface StructuredAttemptResult {
  text: string;
  usage: ModelUsage;
  /** Model id that answered. */
  model: string;
}

/** Options of {@link generateWithRepair}. */
export interface GenerateWithRepairOptions<S extends z.ZodType> {
  /** Task name, used in the error message and on `ModelOutputError.task`. */
  task: string;
  schema: S;
  /** The prompt of the first attempt. */
  messages: ModelMessage[];
  /**
   * Sends `messages` to the model and returns its raw text. Called once, then once more with
   * the repair messages if the first output does not conform (`repair: true`).
   */
  attempt: (
    messages: ModelMessage[],
    info: { repair: boolean },
  ) => Promise<StructuredAttemptResult>;
}

/** Maps a zod error to Conduct's {@link ValidationIssue} list. */
export function zodIssuesToValidationIssues(error: z.ZodError): ValidationIssue[] {
  return toValidationIssues(error.issues);
}

/**
 * Extracts JSON from a model's raw `text` (bare, in a ```` ```json ```` fence, or surrounded by
 * prose) and validates it with `schema`. When several candidates parse, the first that
 * validates wins; otherwise the issues are those of the first candidate that parsed.
 */
export function parseStructuredOutput<S extends z.ZodType>(
  text: string,
  schema: S,
): StructuredOutputParse<z.output<S>> {
  let firstIssues: ValidationIssue[] | undefined;
  for (const candidate of extractJsonCandidates(text)) {
    const parsed = tryParse(candidate);
    if (!parsed.ok) continue;
    const result = schema.safeParse(parsed.value);
    if (result.success) return { ok: true, value: result.data };
    firstIssues ??= zodIssuesToValidationIssues(result.error);
  }
  const issues = firstIssues ?? [
    { path: [], type: 'invalid_json', message: 'Output contains no valid JSON value' },
  ];
  return { ok: false, issues, message: summarizeIssues(issues) };
}

/** One line per issue: `path: message` (or just the message at the root). */
export function summarizeIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * The prompt of the single repair attempt: the original messages, the model's bad output as its
 * own turn, and a user message listing what was wrong.
 */
export function buildRepairMessages(
  messages: readonly ModelMessage[],
  badOutput: string,
  issues: readonly ValidationIssue[],
): ModelMessage[] {
  const problems = issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `- ${where}: ${issue.message}`;
  });
  return [
    ...messages,
    // Some providers reject empty assistant turns, so an empty reply is described instead.
    { role: 'assistant', content: badOutput.trim() === '' ? '(empty reply)' : badOutput },
    {
      role: 'user',
      content: [
        'Your previous reply does not match the required JSON schema:',
        ...problems,
        'Reply again with only the corrected JSON value: no prose, no code fences.',
      ].join('\n'),
    },
  ];
}

/**
 * The structured-output loop every adapter shares: attempt, parse and validate; on invalid
 * output, one repair attempt; if that fails too, throw `ModelOutputError` (with the second raw
 * output and its issues). Usage is summed over the attempts; errors thrown by `attempt`
 * propagate unchanged.
 */
export async function generateWithRepair<S extends z.ZodType>(
  options: GenerateWithRepairOptions<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const { task, schema, messages, attempt } = options;
  const first = await attempt(messages, { repair: false });
  const firstParse = parseStructuredOutput(first.text, schema);
  if (firstParse.ok) {
    return { value: firstParse.value, usage: first.usage, model: first.model, rawText: first.text };
  }

  const second = await attempt(buildRepairMessages(messages, first.text, firstParse.issues), {
    repair: true,
  });
  const usage = addUsage(first.usage, second.usage);
  const secondParse = parseStructuredOutput(second.text, schema);
  if (secondParse.ok) {
    return { value: secondParse.value, usage, model: second.model, rawText: second.text };
  }
  throw new ModelOutputError(
    `Output of task '${task}' does not match its schema after one repair attempt: ${secondParse.message}`,
    { task, output: second.text, issues: secondParse.issues },
  );
}

/** Options of {@link toJsonSchema}. */
export interface ToJsonSchemaOptions {
  /** JSON Schema dialect; defaults to draft 2020-12. */
  target?: 'draft-04' | 'draft-07' | 'draft-2020-12' | 'openapi-3.0';
  /**
   * Which side of the schema to describe. Defaults to `input`: the model writes what
   * `schema.parse` reads. `output` adds `additionalProperties: false` and makes defaulted
   * fields required, which strict provider modes want, but cannot describe transforms.
   */
  io?: 'input' | 'output';
}

/**
 * The JSON Schema of a zod schema, for a provider's native structured-output mode (without the
 * `$schema` key, which several providers reject). Throws `ConfigurationError` for schemas JSON
 * cannot describe (dates, bigints, functions, …).
 */
export function toJsonSchema(
  schema: z.ZodType,
  options: ToJsonSchemaOptions = {},
): Record<string, unknown> {
  try {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
      io: options.io ?? 'input',
      ...(options.target ? { target: options.target } : {}),
    }) as Record<string, unknown>;
    return jsonSchema;
  } catch (error) {
    const reason = errorMessage(error);
    throw new ConfigurationError(`Output schema cannot be expressed as JSON Schema: ${reason}`, {
      cause: error,
    });
  }
}
