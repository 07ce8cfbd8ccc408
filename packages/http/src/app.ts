import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv, ConductServices } from './app-env.js';
import { type AuthPolicy, devAuthPolicy } from './auth.js';
import { HttpError, toHttpResponse } from './errors.js';
import { agentRoutes } from './routes/agents.js';
import { cannedResponseRoutes } from './routes/canned-responses.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { contextVariableRoutes } from './routes/context-variables.js';
import { customerRoutes } from './routes/customers.js';
import { guidelineRoutes } from './routes/guidelines.js';
import { healthRoutes } from './routes/health.js';
import { journeyRoutes } from './routes/journeys.js';
import { relationshipRoutes } from './routes/relationships.js';
import { sessionRoutes } from './routes/sessions.js';
import { tagRoutes } from './routes/tags.js';
import { termRoutes } from './routes/terms.js';
import { evaluationRoutes, serviceRoutes } from './routes/unsupported.js';

/** Options of {@link createConductApp}. */
export interface ConductAppOptions {
  /** Store and engine; a `Conduct` from `createConduct` fits. */
  conduct: ConductServices;
  /** Who may do what. Default: everything allowed (development). */
  auth?: AuthPolicy;
  /** Allowed CORS origins. Default `*` (as the reference server). */
  corsOrigins?: string[] | '*';
  /** Largest accepted request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Longest `wait_for_data` a long-poll may ask for, in seconds. Default 60. */
  maxWaitSeconds?: number;
}

/**
 * The Conduct REST API as a Hono app, wire-compatible with Parlant's (see the reference): use it
 * with any Hono adapter (`@hono/node-server`, Bun, Deno, workers) or test it with `app.request()`.
 */
export function createConductApp(options: ConductAppOptions) {
  const auth = options.auth ?? devAuthPolicy;
  const origins = options.corsOrigins ?? '*';
  const app = new Hono<AppEnv>();
  app.use(
    cors({
      origin: origins === '*' ? '*' : origins,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      credentials: origins !== '*',
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
    await next();
  });
  app.onError((error, c) => {
    const { status, body } = toHttpResponse(error);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.route('/agents', agentRoutes);
  app.route('/customers', customerRoutes);
  app.route('/sessions', sessionRoutes);
  app.route('/healthz', healthRoutes);
  app.route('/tags', tagRoutes);
  app.route('/terms', termRoutes);
  app.route('/guidelines', guidelineRoutes);
  app.route('/context-variables', contextVariableRoutes);
  app.route('/canned_responses', cannedResponseRoutes);
  app.route('/journeys', journeyRoutes);
  app.route('/relationships', relationshipRoutes);
  app.route('/capabilities', capabilityRoutes);
  app.route('/services', serviceRoutes);
  app.route('/evaluations', evaluationRoutes);
  return app;
}

/** The app type, for typed clients (`hono/client`). */
export type ConductApp = ReturnType<typeof createConductApp>;
