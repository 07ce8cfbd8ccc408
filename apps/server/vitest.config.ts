import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // Starting a server opens PGlite and runs the migrations: seconds on a loaded machine, where
    // the default 10 s setup budget failed tests that had nothing wrong with them.
    hookTimeout: 60_000,
  },
});
