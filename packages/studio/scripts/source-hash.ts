import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Where the build records the hash of the sources it was built from. */
export const SOURCE_HASH_FILE = join(PACKAGE_DIR, 'static', 'source-hash.txt');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    )
    .sort();
}

/**
 * A hash of everything the built app depends on: the app's sources, the Vite config and the
 * package's pinned dependencies. The committed build is stale when it no longer matches.
 */
export function studioSourceHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(join(PACKAGE_DIR, 'src', 'app')),
    join(PACKAGE_DIR, 'vite.config.ts'),
  ];
  for (const file of files) {
    hash.update(relative(PACKAGE_DIR, file).replaceAll('\\', '/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
  hash.update(JSON.stringify(manifest.devDependencies ?? {}));
  return hash.digest('hex');
}
