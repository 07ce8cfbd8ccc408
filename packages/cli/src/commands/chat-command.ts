import { createInterface } from 'node:readline/promises';
import type { ScenarioTarget } from '@conduct/scenarios';
import { decisionSummary } from '../decision-summary.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** Options of {@link chat}. */
export interface ChatOptions {
  agentId: string;
  customerId?: string;
  /** Where the agent runs (built by the caller: by URL or in this process). */
  target: ScenarioTarget;
  io: CliIo;
}

const QUIT = new Set(['/quit', '/exit', '/q']);

/**
 * A conversation in the terminal: each line read is a customer message; each reply is printed
 * with a short decision summary (guidelines applied, tools called, journey state). Ends at the
 * end of input or `/quit`. Resolves with the exit code.
 */
export async function chat(options: ChatOptions): Promise<number> {
  const { target, io, agentId } = options;
  const session = await target.openSession({
    agentId,
    ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
    title: 'conduct chat',
  });
  io.stderr.write(
    `Chatting with ${agentId} (${target.description}, session ${session.id}). /quit or end of input (Ctrl+D) to stop.\n`,
  );
  const lines = createInterface({ input: io.stdin, terminal: false });
  // A prompt helps a person typing; piped input would only print it between replies.
  const prompt = () => {
    if ((io.stdin as { isTTY?: boolean }).isTTY === true) io.stdout.write('you> ');
  };
  prompt();
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (QUIT.has(line)) break;
      if (line === '') {
        prompt();
        continue;
      }
      const turn = await session.send(line);
      for (const message of turn.messages) io.stdout.write(`${agentId}> ${message}\n`);
      for (const summary of decisionSummary(turn)) io.stdout.write(`  · ${summary}\n`);
      prompt();
    }
  } finally {
    lines.close();
  }
  return EXIT.ok;
}
