import type { ToolInsight } from '../domain/turn-record.js';
import { errorMessage } from '../util/error-message.js';
import { issuesToInsights } from './argument-issues.js';
import type { Tool, ToolArgs } from './define-tool.js';
import { dropNullOptionals, pickDeclaredKeys } from './schema-walk.js';
import { isPlainObject } from './tool-result.js';

/** The outcome of {@link validateToolCall}. */
export type ToolCallValidation<Args extends ToolArgs = ToolArgs> =
  | {
      ok: true;
      /** The parsed arguments (defaults applied, extra keys removed), ready for `run`. */
      args: Args;
      /** Top-level keys the model sent that the tool does not declare; they were dropped. */
      strippedKeys: string[];
    }
  | { ok: false; insights: ToolInsight[] };

/**
 * Validates arguments a model proposed for `tool`, before anything runs. Never throws.
 *
 * - `undefined` or `null` arguments count as `{}` (a call without arguments), so required
 *   parameters are reported as missing; any other non-object is `invalid-argument`.
 * - Top-level keys the schema does not declare are stripped, even for strict or loose schemas:
 *   `run` receives exactly the declared parameters. Nested objects follow their own zod mode.
 * - `null` for an optional parameter that does not itself accept `null` is treated as absent
 *   (so its default applies); `null` for a required one is a missing argument.
 */
export function validateToolCall<Args extends ToolArgs>(
  tool: Tool<Args>,
  proposedArgs: unknown,
): ToolCallValidation<Args> {
  const raw = proposedArgs ?? {};
  if (!isPlainObject(raw)) {
    const received = Array.isArray(raw) ? 'array' : typeof raw;
    return {
      ok: false,
      insights: [
        {
          tool: tool.ref,
          kind: 'invalid-argument',
          parameter: null,
          message: `arguments: expected an object of named parameters, received ${received}`,
        },
      ],
    };
  }
  const { kept, dropped } = pickDeclaredKeys(tool.parameters, raw);
  const input = dropNullOptionals(tool.parameters, kept);
  let parsed: ReturnType<typeof tool.parameters.safeParse>;
  try {
    parsed = tool.parameters.safeParse(input);
  } catch (error) {
    // A throwing transform or an async refinement in the tool's schema must not crash the turn.
    const reason = errorMessage(error);
    return {
      ok: false,
      insights: [
        {
          tool: tool.ref,
          kind: 'invalid-argument',
          parameter: null,
          message: `arguments: could not be validated (${reason})`,
        },
      ],
    };
  }
  if (parsed.success) return { ok: true, args: parsed.data as Args, strippedKeys: dropped };
  return {
    ok: false,
    insights: issuesToInsights(tool.ref, tool.parameters, input, parsed.error.issues),
  };
}
