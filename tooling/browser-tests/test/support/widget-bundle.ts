import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../../fixtures/widget-entry.tsx', import.meta.url));

/** A freshly built widget bundle in a temporary directory. */
export interface WidgetBundle {
  /** Path of the IIFE bundle (`bundle.js`). */
  file: string;
  /** Deletes the temporary directory. */
  dispose(): Promise<void>;
}

/**
 * Bundles `fixtures/widget-entry.tsx` (the published widget with React) into one browser script,
 * the way an application would ship it. Built per run into a temp dir: a bundle is never committed.
 */
export async function buildWidgetBundle(): Promise<WidgetBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'conduct-widget-'));
  const file = join(dir, 'bundle.js');
  try {
    await build({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.svg': 'dataurl', '.png': 'dataurl' },
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}
