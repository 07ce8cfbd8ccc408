import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASSETTE, conductCommand, FLUID_SUITE, SERVER_DIR } from './suite-command.js';
import { voltmartSuiteModel } from './voltmart-suite-model.js';

// The committed cassette is what the suite's scripted models answer today: recording again
// changes nothing. When a prompt changes on purpose, this test lists the calls that changed
// (with a diff): record the cassette again with CONDUCT_RECORD_CASSETTE=1 (or
// `pnpm --filter @conduct/server scenarios:record`) and commit it.

const recordInPlace = process.env.CONDUCT_RECORD_CASSETTE === '1';

describe("the example agent's cassette", () => {
  it('is what the scripted models answer today', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voltmart-cassette-'));
    try {
      const committed = join(SERVER_DIR, CASSETTE);
      const target = recordInPlace ? committed : join(dir, 'cassette.json');
      if (!recordInPlace) await copyFile(committed, target).catch(() => undefined);
      const run = await conductCommand(
        ['test', ...FLUID_SUITE, '--cassette', target, '--record'],
        voltmartSuiteModel(),
      );
      expect(run.stdout).toContain('7 scenarios: 7 passed, 0 failed');
      if (recordInPlace) return;
      // The report compares the recording with the committed one, call by call.
      expect(run.stderr).toMatch(
        /\(record\): 0 replayed, \d+ recorded, 0 changed, 0 missed, 0 unused/,
      );
      expect(await readFile(target, 'utf8')).toBe(await readFile(committed, 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
