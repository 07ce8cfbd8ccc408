import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { LanguageModel } from '@conduct/core';
import { runCli } from '../src/cli.js';
import type { CliIo } from '../src/io.js';

/** This package's directory: fixture paths in tests are relative to it. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What a command printed, and its exit code. */
export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `conduct <argv>` in this process: `model` stands for the real model the environment
 * would give (absent: none is configured), `stdin` is what a person would type.
 */
export async function conduct(
  argv: string[],
  options: { model?: LanguageModel; stdin?: string[]; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandOutcome> {
  let stdout = '';
  let stderr = '';
  const { model } = options;
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin ?? []),
    cwd: options.cwd ?? PACKAGE_DIR,
    // No provider variables, and Ollama looked for where nothing listens: no real model.
    env: options.env ?? { OLLAMA_HOST: '127.0.0.1:9' },
    ...(model === undefined
      ? {}
      : { realModel: async () => ({ model, description: 'scripted (test)' }) }),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
