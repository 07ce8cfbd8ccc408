import {
  createConduct,
  createToolServiceDirectory,
  createToolServices,
  memoryToolServiceRegistrations,
} from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { toolServiceForRegistration } from '../src/index.js';
import { ordersDocument } from './orders-api.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('PUT /services when the registration cannot be stored', () => {
  it('answers 500 and removes the service again', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
    });
    const services = createToolServices({ registry: conduct.tools });
    const stored = memoryToolServiceRegistrations();
    const toolServices = createToolServiceDirectory({
      services,
      registrations: {
        ...stored,
        put: async () => {
          throw new Error('disk full');
        },
      },
      connect: toolServiceForRegistration,
    });
    cleanups.push(
      () => conduct.close(),
      () => services.close(),
    );
    const app = createConductApp({ conduct: { ...conduct, toolServices } });
    const response = await app.request('/services/orders', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'openapi',
        openapi: { url: 'https://orders.example/api', source: stringify(ordersDocument) },
      }),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('disk full');
    expect(services.list()).toEqual([]);
    expect(conduct.tools.tools.some((tool) => tool.service === 'orders')).toBe(false);
  });
});
