import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: 'esm',
  dts: true,
  clean: true,
  external: ['zod', /^@conduct\//, 'commander', 'tsx'],
});
