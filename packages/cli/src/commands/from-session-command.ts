import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  conversationFromServer,
  ServerResponseError,
  scenarioFromConversation,
  scenarioYaml,
} from '@conduct/scenarios';
import { CliError, EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { apiKeyOf, checkedUrl } from '../target-options.js';

/** Options of {@link fromSession}: the command's arguments as commander parsed them. */
export interface FromSessionOptions {
  sessionId: string;
  options: Record<string, unknown>;
  io: CliIo;
}

/**
 * `conduct scenario from-session <id>`: reads the stored conversation from the server (REST)
 * and writes it as a YAML scenario to standard output or `--out`.
 */
export async function fromSession({ sessionId, options, io }: FromSessionOptions): Promise<number> {
  const url = checkedUrl(options.url as string);
  const apiKey = apiKeyOf(options, io.env);
  let yaml: string;
  try {
    const conversation = await conversationFromServer({
      url,
      sessionId,
      ...(apiKey === undefined ? {} : { apiKey }),
    });
    const scenario = await scenarioFromConversation(conversation, {
      ...(typeof options.name === 'string' ? { name: options.name } : {}),
    });
    yaml = scenarioYaml(scenario, { sessionId });
  } catch (error) {
    if (
      ServerResponseError.is(error) &&
      error.status === 404 &&
      error.path === `/sessions/${sessionId}`
    ) {
      throw new CliError(`The server at ${url} has no session '${sessionId}'`);
    }
    throw error;
  }
  if (typeof options.out === 'string') {
    await writeFile(resolve(io.cwd, options.out), yaml, 'utf8');
    io.stderr.write(`wrote ${options.out}\n`);
  } else {
    io.stdout.write(yaml);
  }
  return EXIT.ok;
}
