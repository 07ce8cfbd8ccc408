import { checkToolServiceRegistrations } from '@conduct/core/testing';
import { describe, it } from 'vitest';
import { createPostgresStore } from '../src/index.js';

describe('PGlite tool service registrations', () => {
  it('pass the registration conformance checks', async () => {
    const store = await createPostgresStore();
    try {
      await checkToolServiceRegistrations(store.toolServices);
    } finally {
      await store.close();
    }
    // Starting PGlite and migrating takes a while on a busy machine.
  }, 120_000);
});
