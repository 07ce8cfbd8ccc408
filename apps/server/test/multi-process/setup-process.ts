/**
 * One server start-up of the concurrent-setup test, as a child process driven over IPC: opens
 * the PostgreSQL store it is told to, then — on `go`, sent to every process at once — runs the
 * example agent module exactly as the server does at start (`loadAgentModules`).
 */
import { createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import { createPostgresStore } from '@conduct/store-postgres';
import {
  createUnconfiguredModel,
  EXAMPLE_AGENT_MODULE,
  loadAgentModules,
  silentLogger,
} from '../../src/index.js';

/** Commands from the parent. */
export type SetupCommand =
  | { type: 'open'; databaseUrl: string }
  | { type: 'go' }
  | { type: 'close' }
  | { type: 'exit' };

/** Reports to the parent. */
export type SetupReport =
  | { type: 'ready' }
  | { type: 'opened' }
  | { type: 'done'; error?: string }
  | { type: 'closed' };

function send(report: SetupReport): void {
  process.send?.(report);
}

// Imported once up front, so that `go` starts every setup at the same moment.
await import(EXAMPLE_AGENT_MODULE);

let conduct: ReturnType<typeof createConduct> | undefined;

async function handle(command: SetupCommand): Promise<void> {
  if (command.type === 'open') {
    const store = await createPostgresStore({
      driver: 'pg',
      connectionString: command.databaseUrl,
      maxConnections: 4,
    });
    conduct = createConduct({
      store,
      model: createUnconfiguredModel(),
      ...defaultMatchers(),
    });
    send({ type: 'opened' });
  } else if (command.type === 'go') {
    const running = conduct;
    if (running === undefined) throw new Error('go before open');
    await loadAgentModules(running, [EXAMPLE_AGENT_MODULE], silentLogger).then(
      () => send({ type: 'done' }),
      (error: unknown) => send({ type: 'done', error: String(error) }),
    );
  } else if (command.type === 'close') {
    await conduct?.close();
    conduct = undefined;
    send({ type: 'closed' });
  } else {
    process.exit(0);
  }
}

process.on('message', (command: SetupCommand) => {
  handle(command).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});

send({ type: 'ready' });
