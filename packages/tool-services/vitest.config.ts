import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tool-services',
    // Tests start MCP servers in child processes; a busy machine needs more than 5 s.
    testTimeout: 30_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
