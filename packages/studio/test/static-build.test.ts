import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_HASH_FILE, studioSourceHash } from '../scripts/source-hash.js';
import { studioAssets } from '../src/index.js';

describe('the committed studio build', () => {
  it('was built from the current sources (else run `pnpm studio`)', () => {
    expect(readFileSync(SOURCE_HASH_FILE, 'utf8').trim()).toBe(studioSourceHash());
  });

  it('serves the page and every script and style sheet it loads', async () => {
    const read = studioAssets();
    const page = await read('index.html');
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    const html = new TextDecoder().decode(page!.body);
    const files = [...html.matchAll(/(?:src|href)="\.\/(studio\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) expect(await read(file), file).toBeDefined();
  });

  it('reads nothing outside the page and its studio/ directory', async () => {
    const read = studioAssets();
    await expect(read('package.json')).resolves.toBeUndefined();
    await expect(read('studio/../../package.json')).resolves.toBeUndefined();
    await expect(read('source-hash.txt')).resolves.toBeUndefined();
  });
});

describe('studioAssets', () => {
  it('does not remember a file it did not find (any name may be asked for)', async () => {
    const { mkdtemp, mkdir, rm, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'studio-assets-'));
    try {
      await mkdir(join(dir, 'studio'));
      const read = studioAssets({ dir });
      await expect(read('studio/late.js')).resolves.toBeUndefined();
      await writeFile(join(dir, 'studio', 'late.js'), 'export {};');
      const found = await read('studio/late.js');
      expect(found?.contentType).toBe('text/javascript; charset=utf-8');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
