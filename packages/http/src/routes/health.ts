import { errorMessage } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, services } from '../app-env.js';
import { describeRoutes } from '../openapi/route-docs.js';

type CheckStatus = 'healthy' | 'unhealthy';

async function timed(check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await check();
    return { status: 'healthy' as CheckStatus, latency_ms: performance.now() - started };
  } catch (error) {
    return {
      status: 'unhealthy' as CheckStatus,
      latency_ms: performance.now() - started,
      error: errorMessage(error),
    };
  }
}

/**
 * `GET /healthz` (docs/compatibility.md#other-routes): `{status, checks: {store, event_loop}}`,
 * each check with its `status` and `latency_ms`. 200 when every check is healthy, else 503 with
 * `unhealthy`. It is not authorized: the reference has no operation for it and load balancers must
 * reach it.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { store } = services(c);
  const [storeCheck, eventLoop] = await Promise.all([
    timed(() => store.behaviorRevision()),
    timed(() => new Promise((resolve) => setTimeout(resolve, 0))),
  ]);
  const healthy = storeCheck.status === 'healthy' && eventLoop.status === 'healthy';
  return c.json(
    {
      status: healthy ? 'healthy' : 'unhealthy',
      checks: { store: storeCheck, event_loop: eventLoop },
    },
    healthy ? 200 : 503,
  );
});

const checkSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  latency_ms: z.number(),
  error: z.string().optional(),
});

/** OpenAPI description of {@link healthRoutes}. */
export const healthDocs = describeRoutes('/healthz', 'health', [
  {
    method: 'get',
    path: '/',
    operationId: 'healthCheck',
    client: 'healthCheckHealthzGet',
    summary: 'Health check',
    description:
      'Not authorized, so load balancers can reach it. 503 with `unhealthy` when a check fails.',
    response: z.object({
      status: z.enum(['healthy', 'unhealthy']),
      checks: z.object({ store: checkSchema, event_loop: checkSchema }),
    }),
    errors: [503],
  },
]);
