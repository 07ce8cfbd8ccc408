import { z } from 'zod';
import { metadataSchema } from '../domain/common.js';
import { toolControlSchema } from '../domain/event-data.js';
import { ValidationError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { idSchema } from '../util/ids.js';

/** A guideline a tool result adds for the current reply only. */
export interface TransientGuideline {
  /** When it applies; omitted means "now". */
  condition?: string;
  /** What the agent should do. */
  action: string;
  description?: string;
}

/** What a tool result asks the engine to change about the session. */
export interface ToolControl {
  /** `manual` hands the session to a human; the agent stops replying on its own. */
  mode?: 'auto' | 'manual';
  /** `response`: the result is only seen while writing this reply; `session` (default): kept in history. */
  lifespan?: 'response' | 'session';
  /** Move the session to another agent. */
  transfer?: { agentId: string; reason?: string };
}

/** What a tool's `run` returns (or one of the {@link ToolResultShorthand} values). */
export interface ToolResult {
  /** What the model sees. Must be JSON-serializable. */
  data: unknown;
  /** What only the UI sees (never shown to the model). */
  metadata?: Record<string, unknown>;
  control?: ToolControl;
  /** Values canned-response templates can use as `{{fields}}`. */
  cannedResponseFields?: Record<string, unknown>;
  /**
   * Templates this result offers as candidates for the reply it was fetched for (canned modes
   * only), e.g. `'Your refund of {{amount}} was approved.'`. They are filled and excluded like
   * stored canned responses, and count as approved wording — keep data you did not write
   * (customer input, third-party text) in `cannedResponseFields`, never in the template text.
   */
  cannedResponses?: string[];
  /** Guidelines that apply to this reply only. */
  guidelines?: TransientGuideline[];
}

/**
 * A return value that is not a plain object, taken as `{ data: value }`. `undefined` (a `run`
 * that returns nothing) becomes `{ data: null }`.
 */
export type ToolResultShorthand =
  | string
  | number
  | boolean
  | null
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: lets `run` be a function typed as returning void.
  | void
  | readonly unknown[];

/** Anything a tool's `run` may return. */
export type ToolReturn = ToolResult | ToolResultShorthand;

/** A {@link ToolResult} with every optional part filled in, as the engine consumes it. */
export interface NormalizedToolResult {
  data: unknown;
  metadata: Record<string, unknown>;
  control: ToolControl;
  cannedResponseFields: Record<string, unknown>;
  cannedResponses: string[];
  guidelines: TransientGuideline[];
}

/** Runtime check of an object a tool returned. Strict, so a typo such as `metdata` fails loudly. */
export const toolResultSchema = z.strictObject({
  data: z.unknown(),
  metadata: metadataSchema.optional(),
  control: toolControlSchema
    .extend({
      transfer: z.strictObject({ agentId: idSchema, reason: z.string().optional() }).optional(),
    })
    .strict()
    .optional(),
  cannedResponseFields: z.record(z.string(), z.unknown()).optional(),
  cannedResponses: z.array(z.string().trim().min(1, 'a template must not be empty')).optional(),
  guidelines: z
    .array(
      z.strictObject({
        condition: z.string().min(1).optional(),
        action: z.string().min(1),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

/**
 * Turns whatever `run` returned into a {@link NormalizedToolResult}.
 *
 * - a plain object must be a {@link ToolResult} (it needs a `data` key);
 * - anything else (string, number, boolean, null, array, Date…) is shorthand for `{ data: value }`;
 * - `undefined`, at the top or as `data`, becomes `data: null` so the model sees "ran, nothing
 *   to report" and the value survives JSON.
 *
 * @throws ValidationError when an object result is malformed.
 */
export function normalizeToolResult(value: unknown): NormalizedToolResult {
  if (!isPlainObject(value)) return fill({ data: value });
  if (!('data' in value)) {
    const keys = Object.keys(value).join(', ') || 'none';
    // Requiring `data` keeps objects unambiguous: `{ metadata: … }` is never silently taken as data.
    throw new ValidationError(
      `Invalid tool result: an object result needs a "data" key, e.g. return { data: … } (got keys: ${keys})`,
    );
  }
  return fill(parseOrThrow(toolResultSchema, value, 'tool result') as ToolResult);
}

function fill(result: ToolResult): NormalizedToolResult {
  return {
    data: result.data === undefined ? null : result.data,
    metadata: result.metadata ?? {},
    control: result.control ?? {},
    cannedResponseFields: result.cannedResponseFields ?? {},
    cannedResponses: result.cannedResponses ?? [],
    guidelines: result.guidelines ?? [],
  };
}

/** True for `{…}` literals and `Object.create(null)`, false for arrays, dates, class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
