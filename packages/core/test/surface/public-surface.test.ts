import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as internal from '../../src/internal.js';
import * as testing from '../../src/testing/index.js';
import { type ExportedName, exportedNames } from './export-names.js';

// The names each entry point exports, checked in beside this test: an export added or removed
// by accident shows up in review as a change to these listings.
const ENTRIES = [
  { entry: '@conduct/core', path: '../../src/index.ts', module: core },
  { entry: '@conduct/core/internal', path: '../../src/internal.ts', module: internal },
  { entry: '@conduct/core/testing', path: '../../src/testing/index.ts', module: testing },
];

function listing(names: readonly ExportedName[]): string {
  const of = (kind: ExportedName['kind']) =>
    names.filter((entry) => entry.kind === kind).map((entry) => `  ${entry.name}`);
  const values = of('value');
  const types = of('type');
  return [`values (${values.length}):`, ...values, `types (${types.length}):`, ...types, ''].join(
    '\n',
  );
}

describe('the exported names', () => {
  for (const { entry, path, module } of ENTRIES) {
    const names = () => exportedNames(fileURLToPath(new URL(path, import.meta.url)));

    it(`of ${entry} are the checked-in ones`, async () => {
      const file = `./__snapshots__/${entry.replace('@conduct/', '').replace('/', '-')}.txt`;
      await expect(listing(names())).toMatchFileSnapshot(file);
    });

    it(`of ${entry} include every value it exports at run time`, () => {
      const values = names()
        .filter((name) => name.kind === 'value')
        .map((name) => name.name);
      expect(values).toEqual(Object.keys(module).sort());
    });
  }
});
