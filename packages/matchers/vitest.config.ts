import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'matchers',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
