import { type AuthPolicy, apiKeyAuthPolicy, devAuthPolicy, publicAuthPolicy } from '@conduct/http';
import type { ServerConfig } from './config.js';

/** The authentication modes of `CONDUCT_AUTH`. */
export const AUTH_MODES = ['dev', 'api-key', 'public'] as const;

/** One of {@link AUTH_MODES}. */
export type AuthMode = (typeof AUTH_MODES)[number];

/** Shortest accepted `CONDUCT_TOKEN_SECRET`. */
export const MIN_TOKEN_SECRET_LENGTH = 32;

type AuthConfig = Pick<ServerConfig, 'auth' | 'apiKeys' | 'tokenSecret'> &
  Partial<Pick<ServerConfig, 'trustedProxies'>>;

/**
 * The HTTP policy for a configuration (`dev`, `api-key` or the `public` preset). `publicDocs`
 * serves `/docs` and `/openapi.json` without credentials (default: yes, except under `public`).
 */
export function authPolicyFor(config: AuthConfig & { publicDocs?: boolean }): AuthPolicy {
  if (config.auth === 'dev') return devAuthPolicy;
  const customerTokens =
    config.tokenSecret === undefined ? {} : { customerTokens: { secret: config.tokenSecret } };
  const docs = config.publicDocs === undefined ? {} : { publicDocs: config.publicDocs };
  return config.auth === 'public'
    ? publicAuthPolicy({ keys: config.apiKeys, ...customerTokens, ...docs })
    : apiKeyAuthPolicy({ keys: config.apiKeys, ...customerTokens, ...docs });
}

/** One start-up log line saying how the API is protected (never the secrets themselves). */
export function describeAuth(config: AuthConfig): string {
  const keys = `${config.apiKeys.length} API key${config.apiKeys.length === 1 ? '' : 's'}`;
  const tokens = config.tokenSecret === undefined ? 'customer tokens off' : 'customer tokens on';
  switch (config.auth) {
    case 'dev':
      return 'auth: dev (no authentication): the API is served on loopback only';
    case 'api-key':
      return `auth: api-key (${keys} for management, ${tokens})`;
    case 'public': {
      // Behind a proxy that is not listed, every client shares the proxy's limits: say so.
      const proxies = config.trustedProxies?.length ?? 0;
      const clientIp =
        proxies === 0
          ? 'client IP = socket peer, forwarding headers ignored'
          : `client IP from X-Forwarded-For of trusted proxies (${proxies} entr${proxies === 1 ? 'y' : 'ies'})`;
      return `auth: public (the production preset, rate limited per client IP; ${clientIp}; ${keys}, ${tokens})`;
    }
  }
}
