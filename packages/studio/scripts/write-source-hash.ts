import { writeFileSync } from 'node:fs';
import { SOURCE_HASH_FILE, studioSourceHash } from './source-hash.js';

// Run after `vite build` (`pnpm --filter @conduct/studio build:app`).
writeFileSync(SOURCE_HASH_FILE, `${studioSourceHash()}\n`);
