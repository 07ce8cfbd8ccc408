import { describe, expect, it } from 'vitest';
import { call, setup } from './sessions-harness.js';

describe('GET /healthz', () => {
  it('reports healthy with a store and an event-loop check', async () => {
    const { app } = setup();
    const response = await call(app, '/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'healthy',
      checks: {
        store: { status: 'healthy', latency_ms: expect.any(Number) },
        event_loop: { status: 'healthy', latency_ms: expect.any(Number) },
      },
    });
  });

  it('reports unhealthy with 503 when the store fails', async () => {
    const { app, store } = setup();
    store.behaviorRevision = async () => {
      throw new Error('database is down');
    };
    const response = await call(app, '/healthz');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      status: 'unhealthy',
      checks: { store: { status: 'unhealthy', error: 'database is down' } },
    });
  });
});
