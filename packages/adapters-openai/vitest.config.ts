import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapters-openai',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
