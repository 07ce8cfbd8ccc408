import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, ConductServices } from './app-env.js';
import { resolveClientIp, socketAddress } from './auth/client-ip.js';
import { trustedProxies } from './auth/trusted-proxies.js';
import { type AuthPolicy, type CorsOrigins, devAuthPolicy } from './auth.js';
import { corsMiddleware } from './cors.js';
import { HttpError, toHttpResponse } from './errors.js';
import { methodNotAllowed } from './method-not-allowed.js';
import type { ModerationOptions } from './moderation/moderation-options.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openapi-document.js';
import { documentedRoutes, type RouteGroup } from './routes/all-routes.js';
import { type ApiDocsOptions, apiDocsRoutes } from './routes/api-docs.js';
import { type StudioOptions, studioRoutes } from './routes/studio.js';
import { trailingSlashRedirect } from './trailing-slash.js';
import { urlTextGuard } from './url-text-guard.js';

function logUnexpectedError(error: unknown, request: { method: string; path: string }): void {
  console.error(`Unexpected error answering ${request.method} ${request.path}:`, error);
}

/** Options of {@link createConductApp}. */
export interface ConductAppOptions {
  /** Store and engine; a `Conduct` from `createConduct` fits. */
  conduct: ConductServices;
  /** Who may do what. Default: everything allowed (development). */
  auth?: AuthPolicy;
  /**
   * Which browser origins may call the API. Default: the auth policy's (`loopback` for the dev
   * policy, so only pages served from this machine can drive an unauthenticated API), else `*`
   * (as the reference). A request from any other origin gets 403.
   */
  corsOrigins?: CorsOrigins;
  /** Largest accepted request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Longest `wait_for_data` a long-poll may ask for, in seconds. Default 60. */
  maxWaitSeconds?: number;
  /** Moderation of customer messages (`POST …/events?moderation=auto|paranoid`). */
  moderation?: ModerationOptions;
  /**
   * The OpenAPI document (`GET /openapi.json`) and the Swagger UI page (`GET /docs`), both under
   * the `ACCESS_API_DOCS` operation; without a studio, `GET /` redirects (307) to `/docs`. `false`
   * turns them off (and `GET /` answers 404 without a studio). Default: on, assets from jsDelivr.
   */
  docs?: ApiDocsOptions | false;
  /**
   * The web studio at `GET /` (its files at `/studio/{file}`), e.g. from `@conduct/studio`.
   * Default: none (`GET /` redirects to the docs).
   */
  studio?: StudioOptions;
  /**
   * Proxies trusted to tell the client's address (for per-client rate limits): IP addresses and
   * CIDR ranges, IPv4 or IPv6 (`10.0.0.0/8`, `::1`, `::ffff:127.0.0.1`). Only when the peer is one
   * of them is `X-Forwarded-For` read, from the right: the client is the right-most hop that is
   * not a trusted proxy (with no `X-Forwarded-For`, the trusted peer's `X-Real-IP`). Default:
   * none, so the peer is the client and those headers are ignored. An invalid entry throws a
   * `ConfigurationError`.
   */
  trustedProxies?: readonly string[];
  /**
   * The address of the connection's peer. Default: the socket's under `@hono/node-server`; on
   * another runtime pass its `getConnInfo(c).remote.address`. Without one the client's address
   * is unknown and the rate-limited `publicAuthPolicy` denies the request.
   */
  clientAddress?: (c: Context) => string | undefined;
  /**
   * Called with each error that is not Conduct's own (a database or runtime failure) before the
   * client gets a 500 with a generic detail; the error's text never reaches the client.
   * Default: `console.error`.
   */
  onUnexpectedError?: (error: unknown, request: { method: string; path: string }) => void;
}

/**
 * The Conduct REST API as a Hono app, wire-compatible with Parlant's (see the reference): use it
 * with any Hono adapter (`@hono/node-server`, Bun, Deno, workers) or test it with `app.request()`.
 */
export function createConductApp(options: ConductAppOptions) {
  const auth = options.auth ?? devAuthPolicy;
  const isTrusted = trustedProxies(options.trustedProxies ?? []);
  const clientAddress = options.clientAddress ?? socketAddress;
  const app = new Hono<AppEnv>();
  app.use(
    ...corsMiddleware(options.corsOrigins ?? auth.corsOrigins ?? '*', {
      // The open dev policy is only safe on loopback, whichever origins its pages come from.
      loopbackHostsOnly: auth.corsOrigins === 'loopback',
    }),
  );
  app.use(
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? 1024 * 1024,
      onError: () => {
        throw new HttpError(413, 'Request body too large');
      },
    }),
  );
  app.use(async (c, next) => {
    c.set('services', options.conduct);
    c.set('auth', auth);
    c.set('maxWaitSeconds', options.maxWaitSeconds ?? 60);
    c.set('moderation', options.moderation ?? {});
    const clientIp = resolveClientIp({
      peer: clientAddress(c),
      forwardedFor: c.req.header('x-forwarded-for'),
      realIp: c.req.header('x-real-ip'),
      isTrusted,
    });
    c.set('clientIp', clientIp ?? null);
    await next();
  });
  const onUnexpectedError = options.onUnexpectedError ?? logUnexpectedError;
  app.use(urlTextGuard);
  app.onError((error, c) => {
    const { status, body, headers, unexpected } = toHttpResponse(error);
    if (unexpected) onUnexpectedError(error, { method: c.req.method, path: c.req.path });
    return c.json(body, status as 400, headers ? { ...headers } : undefined);
  });
  // In the reference's order: the trailing-slash redirect, then 405 for a known path, then 404.
  app.notFound(
    (c) =>
      trailingSlashRedirect(c) ?? methodNotAllowed(app, c) ?? c.json({ detail: 'Not Found' }, 404),
  );
  const groups: RouteGroup[] = [...documentedRoutes];
  if (options.docs !== false) {
    const docsOptions = options.docs ?? {};
    let document: OpenApiDocument | undefined;
    const docs = apiDocsRoutes({ ...docsOptions, redirectRoot: !options.studio }, () => {
      document ??= buildOpenApiDocument(
        groups.map((group) => group.docs),
        auth,
        {
          ...(docsOptions.title ? { title: docsOptions.title } : {}),
          ...(docsOptions.version ? { version: docsOptions.version } : {}),
          ...(docsOptions.description ? { description: docsOptions.description } : {}),
        },
      );
      return document;
    });
    groups.push({ routes: docs.routes, docs: docs.docs });
  }
  if (options.studio) {
    const studio = studioRoutes(options.studio);
    groups.push({ routes: studio.routes, docs: studio.docs });
  }
  for (const group of groups) {
    if (group.routes) app.route(group.docs.prefix || '/', group.routes);
  }
  return app;
}

/** The app type, for typed clients (`hono/client`). */
export type ConductApp = ReturnType<typeof createConductApp>;
