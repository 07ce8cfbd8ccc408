import type { Readable } from 'node:stream';
import type { LanguageModel } from '@conduct/core';

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
  /**
   * The real model of in-process runs, and what to call it. Default: chosen from the
   * environment (see `modelFromEnv`); tests give a scripted one.
   */
  realModel?: () => Promise<{ model: LanguageModel; description: string }>;
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
