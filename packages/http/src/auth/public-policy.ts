import type { AuthPolicy, Operation } from '../auth.js';
import { type ApiKeyAuthOptions, apiKeyAuthPolicy } from './api-key-policy.js';
import { clientIp } from './client-ip.js';
import { rateLimit } from './rate-limit.js';

/** The reference's production limits per client IP and minute; other operations share 100. */
export const PUBLIC_RATE_LIMITS: Readonly<Record<Operation, number>> = {
  READ_AGENT: 30,
  CREATE_GUEST_SESSION: 10,
  READ_SESSION: 30,
  LIST_EVENTS: 240,
  CREATE_CUSTOMER_EVENT: 30,
  CREATE_STATUS_EVENT: 60,
};

/** Options of {@link publicAuthPolicy}. */
export interface PublicAuthOptions
  extends Partial<Pick<ApiKeyAuthOptions, 'keys' | 'customerTokens'>> {
  /** Overrides of {@link PUBLIC_RATE_LIMITS}. */
  perMinute?: Readonly<Record<Operation, number>>;
  /** Limit of the shared bucket of every other operation. Default 100. */
  defaultPerMinute?: number;
  /** Serve `/docs` and `/openapi.json` without credentials. Default false (as the reference). */
  publicDocs?: boolean;
  /** Clock of the limiter in milliseconds; default `Date.now`. */
  now?: () => number;
}

/**
 * The reference's production policy: without credentials only READ_AGENT, CREATE_GUEST_SESSION,
 * READ_SESSION, LIST_EVENTS and CREATE_CUSTOMER_EVENT, rate limited per client IP (moving window,
 * {@link PUBLIC_RATE_LIMITS}; the IP is the socket peer's unless the app's `trustedProxies` say to
 * read `X-Forwarded-For`); a request with no client IP gets 403. Optionally API keys (for
 * management; not limited) and customer tokens (limited like anonymous requests).
 */
export function publicAuthPolicy(options: PublicAuthOptions = {}): AuthPolicy {
  return apiKeyAuthPolicy({
    keys: options.keys ?? [],
    ...(options.customerTokens ? { customerTokens: options.customerTokens } : {}),
    public: true,
    publicDocs: options.publicDocs ?? false,
    rateLimit: rateLimit({
      perMinute: { ...PUBLIC_RATE_LIMITS, ...options.perMinute },
      defaultPerMinute: options.defaultPerMinute ?? 100,
      key: clientIp,
      ...(options.now ? { now: options.now } : {}),
    }),
  });
}
