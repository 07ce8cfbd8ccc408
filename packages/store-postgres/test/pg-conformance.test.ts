import { describeStoreConformance } from '@conduct/core/testing';
import { describe } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { noCluster, useCluster } from './use-cluster.js';

describe.skipIf(noCluster !== undefined)('on a PostgreSQL 15 server', () => {
  const connectionString = useCluster();
  describeStoreConformance('PostgreSQL store', {
    create: () => createPostgresStore({ driver: 'pg', connectionString: connectionString() }),
  });
});
