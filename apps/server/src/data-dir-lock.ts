import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '@conduct/core';

/** Name of the lock file inside a PGlite data directory (like PostgreSQL's `postmaster.pid`). */
export const LOCK_FILE = 'conduct-server.pid';

/**
 * Claims a PGlite data directory for this process. PGlite itself does not stop a second process
 * from opening the same directory, and two writers corrupt it, so a second server fails fast
 * instead. A lock left behind by a process that no longer runs is taken over. Resolves with the
 * function that releases the lock.
 *
 * @throws ConfigurationError when another live process holds the directory.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && isRunning(holder)) {
      throw new ConfigurationError(
        `The data directory ${dataDir} is in use by another Conduct server (pid ${holder}). Stop it, or set CONDUCT_DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL server between processes).`,
      );
    }
    await rm(path, { force: true });
  }
  throw new ConfigurationError(`Could not lock the data directory ${dataDir}; try again`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
