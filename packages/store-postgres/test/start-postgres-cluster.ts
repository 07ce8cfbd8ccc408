import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { errorMessage } from '@conduct/core';

const run = promisify(execFile);

/** Where this machine image keeps the PostgreSQL 15 server binaries. */
export const POSTGRES_BIN = process.env.CONDUCT_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL cluster started for a test. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth. */
  connectionString: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgresCluster}. */
export interface ClusterOptions {
  /**
   * Keep commits durable (fsync on). Off by default: a throwaway cluster has nothing to lose,
   * and tests run several times faster without waiting for the disk.
   */
  durable?: boolean;
}

/**
 * Why a cluster cannot be started here, or `undefined` when it can. `initdb` refuses to run as
 * root, so as root the server runs as the unprivileged `nobody` user through `runuser`.
 */
export async function clusterUnavailableReason(): Promise<string | undefined> {
  try {
    await run(join(POSTGRES_BIN, 'initdb'), ['--version']);
  } catch (error) {
    return `no usable initdb in ${POSTGRES_BIN} (set CONDUCT_POSTGRES_BIN): ${describe(error)}`;
  }
  if (process.getuid?.() !== 0) return undefined;
  try {
    await run('runuser', ['-u', 'nobody', '--', 'true']);
    return undefined;
  } catch (error) {
    return `running as root, and cannot run commands as the user "nobody": ${describe(error)}`;
  }
}

/**
 * Starts a PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only, on a free
 * port, with trust authentication. Call `stop()` when done (it also removes the directory).
 */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'conduct-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) {
    const nobody = await run('id', ['-u', 'nobody']);
    const group = await run('id', ['-g', 'nobody']);
    await chown(dir, Number(nobody.stdout.trim()), Number(group.stdout.trim()));
    await chmod(dir, 0o700);
  }
  const exec = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'nobody', '--', join(POSTGRES_BIN, binary), ...args])
      : run(join(POSTGRES_BIN, binary), args);
  const stop = async () => {
    await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await exec('initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const port = await freePort();
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      // No unix socket: nothing but TCP on 127.0.0.1, and no clash over the socket directory.
      `-c unix_socket_directories=''`,
      '-c max_connections=200',
      ...(options.durable === true ? [] : ['-c fsync=off', '-c synchronous_commit=off']),
    ].join(' ');
    await exec('pg_ctl', [
      'start',
      '-D',
      dataDir,
      '-w',
      '-l',
      join(dir, 'server.log'),
      '-o',
      settings,
    ]);
    return { connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

function describe(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const message = errorMessage(error);
  return typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : message;
}
