import { Conversation } from './observe.js';
import type { RunResult } from './results.js';
import { messageOf, type RunContext } from './run-context.js';

/**
 * One run of a scripted scenario: a new session, each customer message in turn, each turn
 * checked against its expectations. The run goes on after a failed check (later turns may
 * fail too, and say more); it stops when the target fails.
 */
export async function runScripted(context: RunContext): Promise<RunResult> {
  const { scenario } = context;
  const started = performance.now();
  const result = (conversation: Conversation | undefined, error?: string): RunResult => {
    const turns = conversation?.turns ?? [];
    return {
      run: context.run,
      passed: error === undefined && turns.every((turn) => turn.passed),
      ...(conversation === undefined ? {} : { sessionId: conversation.session.id }),
      turns,
      success: [],
      ...(error === undefined ? {} : { error }),
      durationMs: Math.round(performance.now() - started),
    };
  };
  let conversation: Conversation | undefined;
  try {
    const session = await context.target.openSession({
      agentId: scenario.agent,
      ...(scenario.customer === undefined ? {} : { customerId: scenario.customer }),
      title: `${scenario.name} (run ${context.run})`,
    });
    conversation = new Conversation(context, session);
    for (const turn of scenario.turns ?? []) {
      await conversation.turn(turn.customer, turn.expect ?? {});
    }
    return result(conversation);
  } catch (error) {
    return result(conversation, messageOf(error));
  }
}
