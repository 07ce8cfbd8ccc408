import { createConduct } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { createPostgresStore, type PostgresStore } from '@conduct/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzFixtures, fuzzOpenApi } from '../../../packages/http/test/fuzz-openapi.js';
import {
  clusterUnavailableReason,
  type PostgresCluster,
  startPostgresCluster,
} from '../../../packages/store-postgres/test/start-postgres-cluster.js';

const noCluster = await clusterUnavailableReason();
if (noCluster !== undefined && process.env.CONDUCT_REQUIRE_POSTGRES) {
  throw new Error(`PostgreSQL is required: ${noCluster}`);
}

/**
 * The fuzz pass of `@conduct/http` on the SQL store, where bad text used to reach PostgreSQL
 * (which refuses NUL in text and answered with its own error text as a 500).
 */
async function fuzzOn(store: PostgresStore) {
  const unexpected: unknown[] = [];
  const conduct = createConduct({
    store,
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  const app = createConductApp({ conduct, onUnexpectedError: (error) => unexpected.push(error) });
  const report = await fuzzOpenApi(app, await createFuzzFixtures(app));
  expect(report.requests).toBeGreaterThan(1000);
  expect(report.findings).toEqual([]);
  expect(unexpected).toEqual([]);
}

describe('fuzzing every documented operation on PostgreSQL', () => {
  let pglite: PostgresStore | undefined;
  let server: { cluster: PostgresCluster; store: PostgresStore } | undefined;
  // Opening the stores (PGlite compiles its WebAssembly) is slow on a busy machine; the fuzz
  // passes themselves take seconds.
  beforeAll(async () => {
    pglite = await createPostgresStore();
    if (noCluster !== undefined) return;
    const cluster = await startPostgresCluster();
    const connectionString = cluster.connectionString;
    server = { cluster, store: await createPostgresStore({ driver: 'pg', connectionString }) };
  }, 180_000);
  afterAll(async () => {
    await pglite?.close();
    await server?.store.close();
    await server?.cluster.stop();
  }, 30_000);

  it('PGlite: never a 5xx, never database text', async () => {
    await fuzzOn(pglite as PostgresStore);
  }, 60_000);

  it.skipIf(noCluster !== undefined)(
    'a PostgreSQL server: never a 5xx, never database text',
    async () => {
      await fuzzOn((server as { store: PostgresStore }).store);
    },
    60_000,
  );
});
