import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '@conduct/cli';
import type { LanguageModel } from '@conduct/core';

/** The server app's directory: the paths below are relative to it. */
export const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** The example agent's scenario suite. */
export const SUITE = 'agents/electronics-store/scenarios';
/** Its cassette, recorded from the suite's scripted models (`pnpm --filter @conduct/server scenarios:record`). */
export const CASSETTE = 'agents/electronics-store/scenarios/cassette.json';
/**
 * The suite as `conduct test` runs it on the agent as defined (fluid): the strict-mode
 * scenarios need the agent switched to strict_canned first, which the suite test does.
 */
export const FLUID_SUITE = [SUITE, '--skip-tag', 'strict-mode'];

/** What `conduct` printed, and its exit code. */
export interface SuiteRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `conduct <argv>` in this process, from the server app's directory. `model` stands for
 * the real model the environment would give; without one, no provider is configured.
 */
export async function conductCommand(argv: string[], model?: LanguageModel): Promise<SuiteRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
    cwd: SERVER_DIR,
    env: { OLLAMA_HOST: '127.0.0.1:9' },
    ...(model === undefined
      ? {}
      : { realModel: async () => ({ model, description: 'the suite’s scripted models' }) }),
  });
  return { code, stdout, stderr };
}
