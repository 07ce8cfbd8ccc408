import { afterAll, beforeAll } from 'vitest';
import {
  type ClusterOptions,
  clusterUnavailableReason,
  type PostgresCluster,
  startPostgresCluster,
} from './start-postgres-cluster.js';

/** Why this machine cannot run a PostgreSQL cluster, or `undefined` when it can. */
export const noCluster = await clusterUnavailableReason();
if (noCluster !== undefined) {
  // CI sets CONDUCT_REQUIRE_POSTGRES so that a machine without PostgreSQL fails loudly.
  if (process.env.CONDUCT_REQUIRE_POSTGRES) throw new Error(`PostgreSQL is required: ${noCluster}`);
  console.warn(`Skipping the PostgreSQL server tests: ${noCluster}`);
}

/**
 * Starts one throwaway cluster for the calling test file (before its first test) and stops it
 * after the last one. Returns a getter for its connection string.
 */
export function useCluster(options: ClusterOptions = {}): () => string {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    if (noCluster === undefined) cluster = await startPostgresCluster(options);
  }, 60_000);
  afterAll(() => cluster?.stop(), 30_000);
  return () => {
    if (cluster === undefined) throw new Error('The PostgreSQL cluster did not start');
    return cluster.connectionString;
  };
}
