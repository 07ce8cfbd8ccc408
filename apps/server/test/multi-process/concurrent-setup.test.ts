import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ConductStore, createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import { createPostgresStore } from '@conduct/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../packages/store-postgres/test/fresh-database.js';
import {
  clusterUnavailableReason,
  type PostgresCluster,
  startPostgresCluster,
} from '../../../../packages/store-postgres/test/start-postgres-cluster.js';
import {
  createUnconfiguredModel,
  EXAMPLE_AGENT_MODULE,
  loadAgentModules,
  silentLogger,
} from '../../src/index.js';
import type { SetupCommand, SetupReport } from './setup-process.js';

const noCluster = await clusterUnavailableReason();
if (noCluster !== undefined && process.env.CONDUCT_REQUIRE_POSTGRES) {
  throw new Error(`PostgreSQL is required: ${noCluster}`);
}

const SCRIPT = fileURLToPath(new URL('./setup-process.ts', import.meta.url));
// `--import tsx` resolves from the working directory: this package has tsx.
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** Fresh databases, each set up by both processes at once. */
const ROUNDS = 4;

/** A setup child process: each command is answered by exactly one report. */
interface SetupProcess {
  request(command: SetupCommand): Promise<SetupReport>;
  kill(): Promise<void>;
}

async function startSetupProcess(): Promise<SetupProcess> {
  const child: ChildProcess = fork(SCRIPT, [], {
    cwd: PACKAGE_DIR,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((report: SetupReport) => void)[] = [];
  const next = () =>
    new Promise<SetupReport>((resolve, reject) => {
      waiting.push(resolve);
      exited.then(() => reject(new Error('the setup process exited')), reject);
    });
  child.on('message', (report: SetupReport) => waiting.shift()?.(report));
  await next(); // ready
  return {
    request(command) {
      const report = next();
      child.send(command);
      return report;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

const KINDS = [
  'agents',
  'guidelines',
  'relationships',
  'journeys',
  'terms',
  'variables',
  'capabilities',
  'cannedResponses',
] as const;

/** The ids of everything the code-first API defines, per kind, sorted. */
async function model(store: ConductStore): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    KINDS.map(async (kind) => {
      const items: { id: string }[] = await store[kind].list();
      return [kind, items.map((item) => item.id).sort()] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe.skipIf(noCluster !== undefined)('instances starting together on a fresh database', () => {
  let cluster: PostgresCluster;
  const processes: SetupProcess[] = [];

  beforeAll(async () => {
    [cluster] = await Promise.all([
      startPostgresCluster(),
      (async () =>
        processes.push(...(await Promise.all([startSetupProcess(), startSetupProcess()]))))(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(processes.map((child) => child.kill()));
    await cluster?.stop();
  }, 30_000);

  it('both run the example agent module, and everything is defined once', async () => {
    const solo = createConduct({
      model: createUnconfiguredModel(),
      ...defaultMatchers(),
    });
    await loadAgentModules(solo, [EXAMPLE_AGENT_MODULE], silentLogger);
    const expected = await model(solo.store);
    await solo.close();
    for (const kind of ['agents', 'guidelines', 'relationships', 'journeys', 'terms'] as const) {
      expect(expected[kind]?.length, kind).toBeGreaterThan(0);
    }
    expect(expected.agents).toHaveLength(1);

    for (let round = 0; round < ROUNDS; round += 1) {
      const databaseUrl = await freshDatabase(cluster.connectionString);
      await Promise.all(processes.map((child) => child.request({ type: 'open', databaseUrl })));
      const reports = await Promise.all(processes.map((child) => child.request({ type: 'go' })));
      await Promise.all(processes.map((child) => child.request({ type: 'close' })));
      expect(reports, `round ${round}`).toEqual([{ type: 'done' }, { type: 'done' }]);
      const store = await createPostgresStore({ driver: 'pg', connectionString: databaseUrl });
      try {
        expect(await model(store), `round ${round}`).toEqual(expected);
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});
