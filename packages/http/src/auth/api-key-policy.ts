import type { Context } from 'hono';
import { type AuthPolicy, deny, type Operation } from '../auth.js';
import { constantTimeMatcher } from './constant-time.js';
import {
  CUSTOMER_TOKEN_OPERATIONS,
  type CustomerTokenOptions,
  looksLikeCustomerToken,
  verifyCustomerToken,
} from './customer-token.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * The reference's production policy: the only operations allowed without credentials (an
 * anonymous chat widget: read the agent, open a guest session, read it, poll, post messages).
 */
export const PUBLIC_OPERATIONS: readonly Operation[] = [
  'READ_AGENT',
  'CREATE_GUEST_SESSION',
  'READ_SESSION',
  'LIST_EVENTS',
  'CREATE_CUSTOMER_EVENT',
];

/** Options of {@link apiKeyAuthPolicy}. */
export interface ApiKeyAuthOptions {
  /** Valid API keys (compared in constant time), or a function deciding. Keys may do anything. */
  keys: readonly string[] | ((key: string) => boolean | Promise<boolean>);
  /** Accept customer tokens signed with this secret (see `createCustomerToken`). */
  customerTokens?: CustomerTokenOptions;
  /** Let requests without credentials do the {@link PUBLIC_OPERATIONS}. Default false. */
  public?: boolean;
  /** Limits requests not made with an API key (customer tokens and anonymous ones). */
  rateLimit?: RateLimiter;
}

function bearerOf(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

/**
 * API keys for management: a request with `Authorization: Bearer <api key>` may do anything. A
 * request with a valid customer token may do what tokens allow, on that customer's sessions only
 * (checked by `authorizeSession`). With `public: true`, requests without credentials may do the
 * {@link PUBLIC_OPERATIONS}. Everything else, and any invalid or expired credential, gets 403.
 */
export function apiKeyAuthPolicy(options: ApiKeyAuthOptions): AuthPolicy {
  const isKey =
    typeof options.keys === 'function' ? options.keys : constantTimeMatcher(options.keys);
  const publicOperations = new Set(options.public ? PUBLIC_OPERATIONS : []);
  const tokens = options.customerTokens;
  const tokenOperations = new Set(tokens?.operations ?? CUSTOMER_TOKEN_OPERATIONS);

  const customerOf = async (credential: string): Promise<string | undefined> => {
    if (tokens === undefined || !looksLikeCustomerToken(credential)) return undefined;
    const claims = await verifyCustomerToken(credential, {
      secret: tokens.secret,
      ...(tokens.now ? { now: tokens.now } : {}),
    });
    return claims?.customerId;
  };

  return {
    async authorize(c, operation) {
      const credential = bearerOf(c);
      if (credential !== undefined && (await isKey(credential))) return;
      if (credential !== undefined) {
        const customerId = await customerOf(credential);
        if (customerId === undefined) deny(operation);
        if (!tokenOperations.has(operation) && !publicOperations.has(operation)) deny(operation);
        c.set('customerScope', customerId);
      } else if (!publicOperations.has(operation)) {
        deny(operation);
      }
      options.rateLimit?.check(c, operation);
    },
    authorizeSession(c, operation, session) {
      const scope: unknown = c.get('customerScope');
      if (typeof scope === 'string' && session.customerId !== scope) deny(operation);
    },
  };
}
