import type { Readable } from 'node:stream';

/** Where a command reads and writes: the process's streams, or test doubles. */
export interface CliIo {
  /** Results (reports, YAML, replies). */
  stdout: { write(text: string): unknown };
  /** Progress, warnings and errors. */
  stderr: { write(text: string): unknown };
  /** What `conduct chat` reads the customer's lines from. */
  stdin: Readable;
  /** Relative paths are resolved from here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The process's own streams; `cwd` is where `pnpm conduct` was run (`INIT_CWD`), else `cwd()`. */
export function processIo(): CliIo {
  const initCwd = process.env.INIT_CWD;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: initCwd !== undefined && initCwd.trim() !== '' ? initCwd : process.cwd(),
    env: process.env,
  };
}
