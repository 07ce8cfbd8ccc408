import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/internal.ts'],
  format: 'esm',
  dts: true,
  clean: true,
  external: ['vitest', 'zod', 'gpt-tokenizer'],
});
