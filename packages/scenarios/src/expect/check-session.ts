import type { SessionExpectation } from '../scenario/types.js';
import type { ObservedTurnStatus } from '../target.js';
import { valueMatches } from './arguments.js';
import { type CheckResult, type ExpectationView, failed, passed, showValue } from './view.js';

/** Checks how the session stands: handed to a human, transferred, its variables. */
export function checkSession(expected: SessionExpectation, view: ExpectationView): CheckResult[] {
  const checks: CheckResult[] = [];
  const { session } = view;
  if (expected.handedOff !== undefined) {
    const handedOff = session.mode === 'manual';
    const expectation = expected.handedOff
      ? 'the conversation to be handed to a human'
      : 'the conversation not to be handed to a human';
    checks.push(
      handedOff === expected.handedOff
        ? passed(
            'session',
            expectation,
            handedOff ? 'the conversation was handed to a human' : 'the agent still answers',
          )
        : failed(
            'session',
            expectation,
            `expected ${expectation}, but ${handedOff ? 'it was (the session is in manual mode)' : 'it was not (the agent still answers: the session is in automatic mode)'}`,
          ),
    );
  }
  if (expected.transferredTo !== undefined) {
    const expectation = `the conversation to be transferred to the agent '${expected.transferredTo}'`;
    const actual =
      session.agentId === view.openedWith
        ? 'it stayed with the agent it started with'
        : `it is with the agent '${session.agentId}'`;
    checks.push(
      session.agentId === expected.transferredTo
        ? passed('session', expectation, `the conversation is with '${session.agentId}'`)
        : failed('session', expectation, `expected ${expectation}, but ${actual}`),
    );
  }
  for (const [name, value] of Object.entries(expected.variables ?? {})) {
    const expectation = `the variable '${name}' to be ${showValue(value)}`;
    const has = Object.hasOwn(session.variables, name);
    const actual = session.variables[name];
    checks.push(
      has && valueMatches(value, actual)
        ? passed('session', expectation, `the variable '${name}' is ${showValue(actual)}`)
        : failed(
            'session',
            expectation,
            `expected ${expectation}, but ${has ? `it is ${showValue(actual)}` : 'it is not set'}`,
          ),
    );
  }
  return checks;
}

const STATUS_WORDS: Record<ObservedTurnStatus, string> = {
  answered: 'with a reply',
  'no-reply': 'without a reply',
  error: 'with an error',
  cancelled: 'cancelled',
  silent: 'silently (the session is with a human)',
};

/** Checks how the turn ended (default: with a reply). */
export function checkStatus(
  expected: ObservedTurnStatus | undefined,
  view: ExpectationView,
): CheckResult[] {
  if (view.scope !== 'turn' || view.status === undefined) return [];
  const wanted = expected ?? 'answered';
  const expectation = `the turn to end ${STATUS_WORDS[wanted]}`;
  if (view.status === wanted)
    return [passed('status', expectation, `the turn ended ${STATUS_WORDS[wanted]}`)];
  const error = view.status === 'error' && view.error ? `: ${view.error}` : '';
  return [
    failed(
      'status',
      expectation,
      `expected ${expectation}, but it ended ${STATUS_WORDS[view.status]}${error}`,
    ),
  ];
}
