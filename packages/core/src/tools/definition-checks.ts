import { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { errorMessage } from '../util/error-message.js';

/** Longest accepted tool or service name (what model function-calling APIs accept). */
export const MAX_TOOL_NAME_LENGTH = 64;

/** Largest timeout `setTimeout` honours; longer ones would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

// No `:` or whitespace (they would break a `service:tool` ref) and no characters model APIs reject.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Whether `value` can be a tool or service name (it must fit in a `service:tool` ref). */
export function isToolName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_TOOL_NAME_LENGTH &&
    NAME_PATTERN.test(value)
  );
}

/** Throws a {@link ConfigurationError} unless `value` can be a tool or service name. */
export function assertName(value: unknown, what: 'name' | 'service', label: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigurationError(`${label}: ${what} must be a non-empty string`);
  }
  if (!isToolName(value)) {
    throw new ConfigurationError(
      `${label}: ${what} "${value}" is invalid; use 1-${MAX_TOOL_NAME_LENGTH} letters, digits, "_", "-" or "." (starting with a letter or digit), so it fits in a "service:tool" reference`,
    );
  }
  return value;
}

/** Throws a {@link ConfigurationError} unless `value` is a `z.object(...)` schema. */
export function assertObjectSchema(value: unknown, label: string): z.ZodObject {
  // Checked structurally, not with `instanceof`, so schemas from another copy of zod still work.
  const schema = value as {
    _zod?: { def?: { type?: unknown } };
    shape?: unknown;
    safeParse?: unknown;
  };
  if (
    schema?._zod?.def?.type !== 'object' ||
    typeof schema.shape !== 'object' ||
    typeof schema.safeParse !== 'function'
  ) {
    throw new ConfigurationError(
      `${label}: parameters must be a zod object schema, e.g. parameters: z.object({ order_id: z.string() })`,
    );
  }
  return value as z.ZodObject;
}

/** Throws a {@link ConfigurationError} unless `value` is a usable timeout in milliseconds. */
export function assertTimeout(value: unknown, label: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > MAX_TIMEOUT_MS
  ) {
    throw new ConfigurationError(
      `${label}: timeoutMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS} (got ${String(value)})`,
    );
  }
  return value;
}

/** The JSON Schema a model is shown for the arguments; throws if zod cannot express it. */
export function toArgumentsJsonSchema(
  parameters: z.ZodObject,
  label: string,
): Record<string, unknown> {
  try {
    // `input`: describe what the model must send (fields with defaults are optional there).
    return z.toJSONSchema(parameters, { io: 'input' }) as Record<string, unknown>;
  } catch (error) {
    const reason = errorMessage(error);
    throw new ConfigurationError(
      `${label}: parameters cannot be expressed as JSON Schema (${reason}); use JSON types only (string, number, boolean, enum, array, object)`,
      { cause: error },
    );
  }
}
