import { createPostgresStore, type PostgresStore } from '@conduct/store-postgres';
import type { ServerConfig } from './config.js';
import { lockDataDir } from './data-dir-lock.js';

/** The store plus what must happen after it is closed. */
export interface OpenedStore {
  store: PostgresStore;
  /** Releases the data directory lock (PGlite on disk); call after the store is closed. */
  release(): Promise<void>;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir` — locked to this process
 * when it is a directory on disk.
 */
export async function openStore(config: ServerConfig): Promise<OpenedStore> {
  if (config.databaseUrl !== undefined) {
    const store = await createPostgresStore({ driver: 'pg', connectionString: config.databaseUrl });
    return { store, release: async () => {} };
  }
  const onDisk = !/^[a-z]+:\/\//i.test(config.dataDir);
  const release = onDisk ? await lockDataDir(config.dataDir) : async () => {};
  try {
    return { store: await createPostgresStore({ dataDir: config.dataDir }), release };
  } catch (error) {
    await release();
    throw error;
  }
}
