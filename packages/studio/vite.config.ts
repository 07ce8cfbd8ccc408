import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser app (src/app) is built into `static/`, which is committed: the server serves it
// with no build step and no network. `base: './'` keeps the page working under any mount path.
export default defineConfig({
  root: fileURLToPath(new URL('src/app/', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('static/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'studio',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `pnpm --filter @conduct/studio dev` against a server started with `pnpm start`.
    proxy: Object.fromEntries(
      [
        '/agents',
        '/customers',
        '/sessions',
        '/guidelines',
        '/journeys',
        '/relationships',
        '/tags',
        '/terms',
        '/context-variables',
        '/canned_responses',
        '/capabilities',
        '/feedback',
      ].map((path) => [path, 'http://127.0.0.1:8800']),
    ),
  },
});
