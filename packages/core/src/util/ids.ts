import { z } from 'zod';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Bytes ≥ 248 are rejected so every character is equally likely (248 = 4 × 62).
const UNBIASED_LIMIT = 248;

/** Length of generated entity ids. */
export const ID_LENGTH = 10;

/** A generated id: {@link ID_LENGTH} random characters from `[0-9a-zA-Z]`. */
export function generateId(): string {
  let id = '';
  while (id.length < ID_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(ID_LENGTH * 2));
    for (const byte of bytes) {
      if (byte < UNBIASED_LIMIT) id += ALPHABET[byte % ALPHABET.length];
      if (id.length === ID_LENGTH) break;
    }
  }
  return id;
}

/** A new trace id: 32 lowercase hex characters (the format of a uuid4 without dashes). */
export function generateTraceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Any entity id. Generated ids are 10 alphanumerics, but callers may choose their own
 * (`"guest"`, `"support-agent"`): any non-empty string without surrounding whitespace
 * or `/`, and not `.` or `..`, so it stays safe in URL paths.
 */
export const idSchema = z
  .string()
  .min(1, 'id must not be empty')
  .max(200, 'id must be at most 200 characters')
  .regex(/^[^\s/](?:[^/]*[^\s/])?$/, 'id must not contain "/" or start/end with whitespace')
  // URL parsers resolve `.` and `..` path segments (even percent-encoded), so
  // `/sessions/..` could never reach the session.
  .refine((id) => id !== '.' && id !== '..', 'id must not be "." or ".."');

/** A trace id: 32 lowercase hex characters. */
export const traceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'trace id must be 32 lowercase hex characters');
