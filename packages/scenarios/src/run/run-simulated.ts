import { askJudge, toolResults } from '../expect/evaluate.js';
import type { CheckResult } from '../expect/view.js';
import { failed, passed } from '../expect/view.js';
import type { ObservedTurn } from '../target.js';
import { nextCustomerMove } from '../tasks/simulated-customer-task.js';
import { Conversation } from './observe.js';
import type { RunResult, SimulationEnding } from './results.js';
import { messageOf, type RunContext } from './run-context.js';

/** Default most customer messages of a simulated conversation. */
export const DEFAULT_MAX_TURNS = 8;

/**
 * One run of a simulated scenario: the simulated customer (task `simulated-customer`) writes
 * until it says its goal is reached, gives up, or reaches `maxTurns`; then the goal, `success`
 * (over the whole conversation) and `judge` are checked. A turn that ends in an error fails
 * the run.
 */
export async function runSimulated(context: RunContext): Promise<RunResult> {
  const { scenario, model } = context;
  const simulate = scenario.simulate;
  const started = performance.now();
  let conversation: Conversation | undefined;
  let ending: SimulationEnding | undefined;
  let thought: string | undefined;
  const finish = (success: CheckResult[], error?: string): RunResult => {
    const turns = conversation?.turns ?? [];
    return {
      run: context.run,
      passed:
        error === undefined &&
        turns.every((turn) => turn.passed) &&
        success.every((check) => check.passed),
      ...(conversation === undefined ? {} : { sessionId: conversation.session.id }),
      turns,
      ...(ending === undefined ? {} : { ending }),
      ...(thought === undefined ? {} : { endingThought: thought }),
      success,
      ...(error === undefined ? {} : { error }),
      durationMs: Math.round(performance.now() - started),
    };
  };
  try {
    if (simulate === undefined || model === undefined) {
      throw new Error(
        'a simulated scenario needs `simulate` and a model for the simulated customer',
      );
    }
    const maxTurns = simulate.maxTurns ?? DEFAULT_MAX_TURNS;
    const session = await context.target.openSession({
      agentId: scenario.agent,
      ...(scenario.customer === undefined ? {} : { customerId: scenario.customer }),
      title: `${scenario.name} (run ${context.run})`,
    });
    conversation = new Conversation(context, session);
    while (ending === undefined) {
      const sent = conversation.turns.length;
      let message: string | undefined;
      if (sent === 0 && simulate.opening !== undefined) {
        message = simulate.opening;
      } else {
        const move = await nextCustomerMove(model, {
          customer: simulate,
          transcript: conversation.transcript,
          sent,
          maxTurns,
          time: context.time(),
          ...(context.signal === undefined ? {} : { signal: context.signal }),
        });
        thought = move.thought;
        if (move.action === 'goal-reached') ending = 'goal-reached';
        else if (move.action === 'give-up') ending = 'gave-up';
        else message = move.message ?? undefined;
      }
      if (message === undefined) break;
      if (sent >= maxTurns) {
        ending = 'turn-limit';
        break;
      }
      await conversation.turn(message, undefined, noError);
    }
    return finish(await successChecks(context, conversation, ending ?? 'turn-limit', thought));
  } catch (error) {
    return finish([], messageOf(error));
  }
}

function noError(turn: ObservedTurn): CheckResult[] {
  const expectation = 'the turn not to end with an error';
  return turn.status === 'error'
    ? [
        failed(
          'status',
          expectation,
          `expected ${expectation}, but it did: ${turn.error ?? 'no message'}`,
        ),
      ]
    : [];
}

async function successChecks(
  context: RunContext,
  conversation: Conversation,
  ending: SimulationEnding,
  thought: string | undefined,
): Promise<CheckResult[]> {
  const { scenario } = context;
  const checks: CheckResult[] = [];
  if (scenario.simulate?.expectGoal ?? true) {
    const expectation = 'the customer to reach their goal';
    const why = thought ? ` (the customer: ${JSON.stringify(thought)})` : '';
    checks.push(
      ending === 'goal-reached'
        ? passed('goal', expectation, `the customer reached their goal${why}`)
        : failed(
            'goal',
            expectation,
            `expected ${expectation}, but ${ending === 'gave-up' ? 'they gave up' : `the conversation reached its limit of ${conversation.turns.length} messages`}${why}`,
          ),
    );
  }
  const session = await conversation.session.inspect();
  if (scenario.success !== undefined) {
    checks.push(...(await conversation.evaluateWhole(scenario.success, session)));
  }
  if (scenario.judge !== undefined) {
    checks.push(
      await askJudge({
        judge: context.judge,
        expectation: `the conversation to meet "${scenario.judge}"`,
        subject: 'the conversation',
        input: {
          criterion: scenario.judge,
          transcript: conversation.transcript,
          toolResults: toolResults(conversation.records),
        },
      }),
    );
  }
  return checks;
}
