import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapters-ollama',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
