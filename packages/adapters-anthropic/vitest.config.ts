import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapters-anthropic',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
