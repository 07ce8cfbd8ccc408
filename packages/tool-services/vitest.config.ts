import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tool-services',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
