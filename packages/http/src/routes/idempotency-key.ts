import type { IdempotencyKey } from '@conduct/core';
import type { Context } from 'hono';
import { utf8 } from '../auth/encoding.js';
import { HttpError } from '../errors.js';
import type { HeaderDoc } from '../openapi/route-docs.js';

/** The request header that makes a `POST` safe to retry (IETF httpapi Idempotency-Key draft). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The response header set to `true` when a retry got back what the first request stored. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

// Printable ASCII (space to tilde), 1–255 characters: what every client library sends.
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/** The OpenAPI description of the header. */
export const idempotencyKeyHeaderDoc: HeaderDoc = {
  name: IDEMPOTENCY_KEY_HEADER,
  description:
    'Makes the request safe to retry: within the session, a retry with the same key and the same request returns the event stored first (201, with `Idempotent-Replayed: true`) and starts no second turn; the same key with a different request is a 422. Printable ASCII, 1–255 characters, compared as sent. A key is held as long as its event lives: deleting the event frees it.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
  extension: true,
};

/** The request's idempotency key, `undefined` without the header; 422 naming it when invalid. */
export function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (!VALID_KEY.test(key)) {
    throw new HttpError(422, [
      {
        type: 'value_error',
        loc: ['header', IDEMPOTENCY_KEY_HEADER],
        msg: `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 printable ASCII characters`,
        input: key,
      },
    ]);
  }
  return key;
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, entry: unknown) =>
    entry === null || typeof entry !== 'object' || Array.isArray(entry)
      ? entry
      : Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/**
 * The key with the fingerprint of the request it came with: a SHA-256 of the validated query
 * and body (so spacing and key order do not matter, and a retry matches only the same request).
 */
export async function idempotencyFor(
  key: string | undefined,
  request: { query: unknown; body: unknown },
): Promise<IdempotencyKey | undefined> {
  if (key === undefined) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', utf8(canonicalJson(request)));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0'));
  return { key, fingerprint: hex.join('') };
}
