import { defineConfig } from 'tsdown';

// Only the server-side entry; the browser app is built by Vite into `static/`.
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  clean: true,
});
