import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { renderPromptCatalog } from './render.js';

/** `docs/prompts/` at the repository root. */
export const CATALOG_DIR = new URL('../../../../docs/prompts/', import.meta.url);

const files = await renderPromptCatalog();
await mkdir(CATALOG_DIR, { recursive: true });
for (const name of await readdir(CATALOG_DIR)) {
  if (name.endsWith('.md') && !files.has(name)) await rm(new URL(name, CATALOG_DIR));
}
for (const [name, content] of files) await writeFile(new URL(name, CATALOG_DIR), content);
console.log(`Wrote ${files.size} files to docs/prompts/`);
