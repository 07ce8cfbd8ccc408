import type { Operation } from '../auth.js';
import { fromBase64Url, toBase64Url, utf8 } from './encoding.js';

const PREFIX = 'ct1';

/** Options of {@link createCustomerToken}. */
export interface CreateCustomerTokenOptions {
  /** The HMAC-SHA256 secret shared with the server (`CONDUCT_TOKEN_SECRET`). */
  secret: string;
  /** The one customer the token speaks for. */
  customerId: string;
  /** Lifetime in seconds (> 0). */
  expiresInSeconds: number;
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/** What a valid token says. */
export interface CustomerTokenClaims {
  customerId: string;
  /** Expiry, in seconds since the epoch. */
  expiresAt: number;
}

/** How a policy accepts customer tokens. */
export interface CustomerTokenOptions {
  /** The HMAC-SHA256 secret the tokens are signed with. */
  secret: string;
  /** What a token may do. Default {@link CUSTOMER_TOKEN_OPERATIONS}. */
  operations?: readonly Operation[];
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/**
 * What a customer-token holder may do, always on that customer's sessions only: create sessions,
 * read them, list and read their events, post customer messages, and rate the agent's messages
 * with an optional comment (feedback without corrections; listing feedback is for operators).
 */
export const CUSTOMER_TOKEN_OPERATIONS: readonly Operation[] = [
  'CREATE_GUEST_SESSION',
  'CREATE_CUSTOMER_SESSION',
  'READ_SESSION',
  'LIST_EVENTS',
  'READ_EVENT',
  'CREATE_CUSTOMER_EVENT',
  'CREATE_CUSTOMER_FEEDBACK',
];

function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret === '') throw new Error('a customer token secret must not be empty');
  return crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/**
 * Signs a token (`ct1.<claims>.<signature>`, base64url, HMAC-SHA256 via Web Crypto) that lets a
 * front end act for one customer until it expires. Send it as `Authorization: Bearer <token>`.
 */
export async function createCustomerToken(options: CreateCustomerTokenOptions): Promise<string> {
  if (!(options.expiresInSeconds > 0)) throw new Error('expiresInSeconds must be positive');
  if (options.customerId === '') throw new Error('customerId must not be empty');
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const claims = { sub: options.customerId, exp: nowSeconds + Math.ceil(options.expiresInSeconds) };
  const signed = `${PREFIX}.${toBase64Url(utf8(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(options.secret), utf8(signed));
  return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
}

/** True when `value` has the shape of a customer token (not whether it is valid). */
export function looksLikeCustomerToken(value: string): boolean {
  return value.startsWith(`${PREFIX}.`) && value.split('.').length === 3;
}

/**
 * Checks a token's signature (constant time) and expiry; the claims when valid, else `undefined`.
 */
export async function verifyCustomerToken(
  token: string,
  options: { secret: string; now?: () => number },
): Promise<CustomerTokenClaims | undefined> {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || payload === undefined || signature === undefined) return undefined;
  const signatureBytes = fromBase64Url(signature);
  if (signatureBytes === undefined) return undefined;
  const key = await hmacKey(options.secret);
  const valid = await crypto.subtle.verify(
    'HMAC',
    key,
    signatureBytes,
    utf8(`${prefix}.${payload}`),
  );
  if (!valid) return undefined;
  const claims = parseClaims(fromBase64Url(payload));
  if (claims === undefined) return undefined;
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  return claims.expiresAt > nowSeconds ? claims : undefined;
}

function parseClaims(bytes: Uint8Array | undefined): CustomerTokenClaims | undefined {
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, exp } = value as { sub?: unknown; exp?: unknown };
    if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number') return undefined;
    return { customerId: sub, expiresAt: exp };
  } catch {
    return undefined;
  }
}
