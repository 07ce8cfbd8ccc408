import { NotFoundError } from '@conduct/core';
import type { Context } from 'hono';
import {
  type AuthPolicy,
  type AuthPolicyDocs,
  deny,
  type Operation,
  type SecurityRequirement,
} from '../auth.js';
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
  /**
   * Serve the API docs (`GET /docs`, `GET /openapi.json`, operation `ACCESS_API_DOCS`) without
   * credentials. They describe the API's shape only, never data, and every route still enforces
   * this policy. Default true; the `public` preset turns it off, as the reference does.
   */
  publicDocs?: boolean;
}

/** The operation of the API docs routes (`/docs`, `/openapi.json`), as in the reference. */
export const ACCESS_API_DOCS = 'ACCESS_API_DOCS';

function bearerOf(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

/**
 * API keys for management: a request with `Authorization: Bearer <api key>` may do anything. A
 * request with a valid customer token may do what tokens allow, on that customer's sessions only
 * (checked by `authorizeSession`; any other session answers 404, as if it did not exist). With `public: true`, requests without credentials may do the
 * {@link PUBLIC_OPERATIONS}. Everything else, and any invalid or expired credential, gets 403.
 */
export function apiKeyAuthPolicy(options: ApiKeyAuthOptions): AuthPolicy {
  const isKey =
    typeof options.keys === 'function' ? options.keys : constantTimeMatcher(options.keys);
  const publicOperations = new Set(options.public ? PUBLIC_OPERATIONS : []);
  if (options.publicDocs ?? true) publicOperations.add(ACCESS_API_DOCS);
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
      await options.rateLimit?.check(c, operation);
    },
    authorizeSession(c, _operation, session) {
      // Another customer's session answers exactly like a missing one, so a token cannot be
      // used to learn which session ids exist.
      const scope: unknown = c.get('customerScope');
      if (typeof scope === 'string' && session.customerId !== scope) {
        throw new NotFoundError('session', session.id);
      }
    },
    docs: policyDocs(tokens !== undefined, tokenOperations, publicOperations, options),
  };
}

function policyDocs(
  withTokens: boolean,
  tokenOperations: ReadonlySet<Operation>,
  publicOperations: ReadonlySet<Operation>,
  options: ApiKeyAuthOptions,
): AuthPolicyDocs {
  const securitySchemes: AuthPolicyDocs['securitySchemes'] = {
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key (`Authorization: Bearer <key>`): may do everything.',
    },
  };
  if (withTokens) {
    securitySchemes.customerToken = {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'ct1',
      description:
        "A customer token (`ct1.…`, signed by your back end): that customer's sessions and messages only.",
    };
  }
  return {
    securitySchemes,
    security(operation) {
      const requirements: SecurityRequirement[] = [{ apiKey: [] }];
      const anonymous = publicOperations.has(operation);
      if (withTokens && (anonymous || tokenOperations.has(operation))) {
        requirements.push({ customerToken: [] });
      }
      if (anonymous) requirements.push({});
      return requirements;
    },
    rateLimited: options.rateLimit !== undefined,
  };
}
