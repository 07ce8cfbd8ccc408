import type { LanguageModel } from '@conduct/core';
import { createHttpTarget, createInProcessTarget, type ScenarioTarget } from '@conduct/scenarios';
import { CliError } from './exit-codes.js';
import { createLocalConduct } from './in-process/local-conduct.js';
import type { CliIo } from './io.js';

/** Where a command's agent runs, as its options say. */
export type TargetChoice =
  | { kind: 'url'; url: string; apiKey: string | undefined }
  | { kind: 'in-process'; agentModules: string[] };

/**
 * Reads `--url`, `--api-key` (or `CONDUCT_API_KEY`) and `--agent-module` into a choice.
 *
 * @throws CliError for a URL that is not http(s), or options that contradict each other.
 */
export function targetChoice(
  options: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): TargetChoice {
  const agentModules = (options.agentModule as string[] | undefined) ?? [];
  const url = options.url as string | undefined;
  if (url === undefined) {
    if (options.apiKey !== undefined) throw new CliError('--api-key is for --url (a server)');
    return { kind: 'in-process', agentModules };
  }
  if (agentModules.length > 0) {
    throw new CliError(
      '--agent-module loads agents in this process; with --url the server runs its own (CONDUCT_AGENTS)',
    );
  }
  return { kind: 'url', url: checkedUrl(url), apiKey: apiKeyOf(options, env) };
}

/** The API key: `--api-key`, else `CONDUCT_API_KEY`. */
export function apiKeyOf(
  options: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const given = (options.apiKey as string | undefined) ?? env.CONDUCT_API_KEY;
  return given === undefined || given.trim() === '' ? undefined : given.trim();
}

/** `url` if it is an http(s) URL. */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`Not a URL: '${url}' (expected e.g. http://127.0.0.1:8800)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(`Not an http(s) URL: '${url}'`);
  }
  return url;
}

/** A target and what closing it releases (the in-process engine). */
export interface OpenedTarget {
  target: ScenarioTarget;
  close(): Promise<void>;
}

/**
 * Opens the chosen target: a server by URL (REST only), or the agent modules on an engine in
 * this process with `model` (asked for only then).
 */
export async function openTarget(input: {
  choice: TargetChoice;
  io: CliIo;
  model: () => Promise<LanguageModel>;
}): Promise<OpenedTarget> {
  const { choice, io } = input;
  if (choice.kind === 'url') {
    const target = createHttpTarget({
      url: choice.url,
      ...(choice.apiKey === undefined ? {} : { apiKey: choice.apiKey }),
    });
    return { target, close: () => target.close() };
  }
  const conduct = await createLocalConduct({
    model: await input.model(),
    agentModules: choice.agentModules,
    cwd: io.cwd,
  });
  const target = createInProcessTarget({ conduct });
  return {
    target,
    close: async () => {
      await target.close();
      await conduct.close();
    },
  };
}
