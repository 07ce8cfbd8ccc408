import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TurnOutcome } from '@conduct/core';
import type { Command, Report } from './engine-process.js';

const SCRIPT = fileURLToPath(new URL('./engine-process.ts', import.meta.url));
// `--import tsx` resolves from the working directory: this package has tsx.
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A posted message as its process reports it. */
export interface Posted {
  /** Settles once the message is stored (the API would answer now). */
  stored: Promise<{ offset: number; traceId: string }>;
  /** Settles with how the turn the message scheduled ended. */
  outcome: Promise<TurnOutcome>;
}

/** An engine child process (see engine-process.ts). */
export interface EngineProcess {
  readonly name: string;
  readonly child: ChildProcess;
  post(sessionId: string, message: string): Posted;
  recover(mode: 'resume' | 'mark'): Promise<{ sessions: string[]; outcomes: TurnOutcome[] }>;
  /** Errors the process reported (turn failures, store errors). */
  readonly failures: string[];
  /** Closes the engine and waits for the process to exit. */
  close(): Promise<void>;
  /** SIGKILL: no cleanup of any kind. Resolves once the process is gone. */
  kill(): Promise<void>;
}

interface Pending {
  stored: (value: { offset: number; traceId: string }) => void;
  outcome: (value: TurnOutcome) => void;
  fail: (error: Error) => void;
}

/** Starts an engine process on `databaseUrl` and resolves once it is ready for commands. */
export async function startEngineProcess(
  name: string,
  databaseUrl: string,
  options: { model: 'answer' | 'hang'; composeMs?: number },
): Promise<EngineProcess> {
  const child = fork(SCRIPT, [], {
    cwd: PACKAGE_DIR,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MODEL: options.model,
      COMPOSE_MS: String(options.composeMs ?? 0),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, Pending>();
  const failures: string[] = [];
  let recovered: ((value: { sessions: string[]; outcomes: TurnOutcome[] }) => void) | undefined;
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`engine process ${name} exited early (${code ?? signal})`)),
    );
    child.on('message', (report: Report) => {
      if (report.type === 'ready') resolve();
      else if (report.type === 'posted') pending.get(report.id)?.stored(report);
      else if (report.type === 'outcome') pending.get(report.id)?.outcome(report.outcome);
      else if (report.type === 'recovered') recovered?.(report);
      else if (report.type === 'failed') {
        failures.push(report.message);
        if (report.id !== undefined) pending.get(report.id)?.fail(new Error(report.message));
      }
    });
  });
  await ready;
  const command = (message: Command) => child.send(message);
  return {
    name,
    child,
    failures,
    post(sessionId, message) {
      nextId += 1;
      const id = nextId;
      let entry!: Pending;
      const stored = new Promise<{ offset: number; traceId: string }>((resolve, reject) => {
        entry = { stored: resolve, outcome: () => {}, fail: reject };
      });
      const outcome = new Promise<TurnOutcome>((resolve, reject) => {
        entry.outcome = resolve;
        const failStored = entry.fail;
        entry.fail = (error) => {
          failStored(error);
          reject(error);
        };
      });
      outcome.catch(() => undefined);
      pending.set(id, entry);
      command({ type: 'post', id, sessionId, message });
      return { stored, outcome };
    },
    recover(mode) {
      const result = new Promise<{ sessions: string[]; outcomes: TurnOutcome[] }>((resolve) => {
        recovered = resolve;
      });
      command({ type: 'recover', mode });
      return result;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) command({ type: 'close' });
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
