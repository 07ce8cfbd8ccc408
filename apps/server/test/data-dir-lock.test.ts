import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from '../src/data-dir-lock.js';

describe('lockDataDir', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('claims the directory for this process and releases it', async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'conduct-lock-')), 'data');
    const release = await lockDataDir(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(
      `The data directory ${dir} is in use by another Conduct server (pid ${process.pid})`,
    );
    await release();
    await expect(stat(join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-lock-'));
    await writeFile(join(dir, LOCK_FILE), '999999999\n');
    const release = await lockDataDir(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await release();
  });
});
