import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One built file of the studio. */
export interface StudioFile {
  body: Uint8Array;
  contentType: string;
}

/** Where the built studio lives inside this package (committed, so no build is needed to serve it). */
export const STUDIO_STATIC_DIR = fileURLToPath(new URL('../static/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

// `index.html`, or one file name directly under `studio/`: nothing else of the disk is reachable.
const SERVABLE = /^(index\.html|studio\/[A-Za-z0-9_-][A-Za-z0-9._-]*)$/;

/** Options of {@link studioAssets}. */
export interface StudioAssetsOptions {
  /** Directory of a build. Default: the one shipped in this package. */
  dir?: string;
}

/**
 * Reads the studio's built files for `@conduct/http`'s `studio` option: `index.html` and the
 * files under `studio/`. Each file found is read once and kept; a missing or unlisted one is
 * `undefined` (404) and not remembered.
 */
export function studioAssets(
  options: StudioAssetsOptions = {},
): (file: string) => Promise<StudioFile | undefined> {
  const dir = options.dir ?? STUDIO_STATIC_DIR;
  const cache = new Map<string, Promise<StudioFile | undefined>>();
  return (file) => {
    if (!SERVABLE.test(file)) return Promise.resolve(undefined);
    let found = cache.get(file);
    if (found === undefined) {
      const contentType = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      found = readFile(join(dir, file)).then(
        (body) => ({ body: new Uint8Array(body), contentType }),
        () => {
          // Only files that exist are kept: anyone may ask for any name, and a cache of misses
          // would grow with every one.
          cache.delete(file);
          return undefined;
        },
      );
      cache.set(file, found);
    }
    return found;
  };
}
