import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsAsset } from '@conduct/http';

/**
 * Serves Swagger UI's files for `GET /docs` from the installed `swagger-ui-dist` package, so the
 * docs page works offline. `@conduct/http` asks only for the files its page loads (a fixed
 * list), so no other path of the package can be read. Files are read once and kept.
 */
export function swaggerUiAssets(): (file: string) => Promise<DocsAsset | undefined> {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Promise<DocsAsset | undefined>>();
  return (file) => {
    let asset = cache.get(file);
    if (asset === undefined) {
      asset = readFile(join(root, file)).then(
        (body) => ({ body: new Uint8Array(body) }),
        () => undefined,
      );
      cache.set(file, asset);
    }
    return asset;
  };
}
