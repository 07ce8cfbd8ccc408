/**
 * A readable one-line message for anything thrown: an `Error`'s message, a thrown string as it
 * is, any other value as JSON (or `String(value)` when it has no JSON form).
 *
 * @example
 * ```ts
 * try {
 *   await tool.run(context, args);
 * } catch (error) {
 *   log.warn(`the tool failed: ${errorMessage(error)}`);
 * }
 * ```
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    // Circular structures and bigints have no JSON form.
    return String(error);
  }
}
