import type { TurnRecord } from '@conduct/core';
import { errorMessage } from '@conduct/core';
import { toolDisplayName } from '@conduct/core/internal';
import type { Expectation } from '../scenario/types.js';
import type { AgentCatalog } from '../target.js';
import type { JudgeInput, JudgeVerdict } from '../tasks/judge-task.js';
import { checkGuidelines } from './check-guidelines.js';
import { checkJourney } from './check-journey.js';
import { checkReply } from './check-reply.js';
import { checkSession, checkStatus } from './check-session.js';
import { checkTools } from './check-tools.js';
import { type CheckResult, type ExpectationView, failed, passed, quote } from './view.js';

/** Asks a judge about a criterion (the runner binds it to the judge model). */
export type JudgeFunction = (input: Omit<JudgeInput, 'signal'>) => Promise<JudgeVerdict>;

/** Options of {@link evaluateExpectation}. */
export interface EvaluateOptions {
  expectation: Expectation;
  view: ExpectationView;
  /** The agent's catalog, to check journey state names. */
  catalog?: AgentCatalog;
  /** The judge; without one, a `judge` expectation fails saying a judge model is needed. */
  judge?: JudgeFunction;
}

/** Every check of an expectation against a turn (or a conversation), in a stable order. */
export async function evaluateExpectation(options: EvaluateOptions): Promise<CheckResult[]> {
  const { expectation, view } = options;
  const checks = [
    ...checkStatus(expectation.status, view),
    ...(expectation.guidelines ? checkGuidelines(expectation.guidelines, view) : []),
    ...(expectation.journey ? checkJourney(expectation.journey, view, options.catalog) : []),
    ...(expectation.tools ? checkTools(expectation.tools, view, options.catalog) : []),
    ...(expectation.reply ? checkReply(expectation.reply, view, options.catalog) : []),
    ...(expectation.session ? checkSession(expectation.session, view) : []),
  ];
  const criterion = expectation.reply?.judge;
  if (criterion !== undefined) checks.push(await judgeReply(criterion, view, options.judge));
  return checks;
}

async function judgeReply(
  criterion: string,
  view: ExpectationView,
  judge: JudgeFunction | undefined,
): Promise<CheckResult> {
  const expectation = `the reply to meet "${criterion}"`;
  if (view.reply === undefined) {
    return failed('judge', expectation, `expected ${expectation}, but there was no reply`);
  }
  return askJudge({
    judge,
    expectation,
    subject: 'the reply',
    input: {
      criterion,
      transcript: view.transcript,
      reply: view.reply,
      toolResults: toolResults(view.records),
    },
  });
}

/** Options of {@link askJudge}. */
export interface AskJudgeOptions {
  judge: JudgeFunction | undefined;
  /** `the reply to meet "…"`. */
  expectation: string;
  /** What is judged, in the message: `the reply`, `the conversation`. */
  subject: string;
  input: Omit<JudgeInput, 'signal'>;
}

/** A judge's verdict as a check (a judge that cannot answer fails the check, saying why). */
export async function askJudge(options: AskJudgeOptions): Promise<CheckResult> {
  const { judge, expectation, subject } = options;
  if (judge === undefined) {
    return failed(
      'judge',
      expectation,
      `expected ${expectation}, but no judge model was given to decide it`,
    );
  }
  try {
    const verdict = await judge(options.input);
    return verdict.passed
      ? passed(
          'judge',
          expectation,
          `the judge found ${subject} meets "${options.input.criterion}": ${verdict.reason}`,
        )
      : failed(
          'judge',
          expectation,
          `expected ${expectation}, but the judge found it does not: ${verdict.reason}`,
        );
  } catch (error) {
    return failed(
      'judge',
      expectation,
      `expected ${expectation}, but the judge could not answer (${errorMessage(error)})`,
    );
  }
}

/** The tools' results as the judge reads them: `name(arguments) → result`. */
export function toolResults(records: readonly TurnRecord[]): string[] {
  return records.flatMap((record) =>
    record.toolCalls
      .filter((call) => call.status !== 'skipped')
      .map((call) => {
        const outcome =
          call.status === 'failed'
            ? `failed: ${call.error ?? 'unknown error'}`
            : (JSON.stringify(dataOf(call.result)) ?? 'nothing');
        return `${toolDisplayName(call.tool)}(${JSON.stringify(call.arguments)}) → ${quote(outcome, 1500).slice(1, -1)}`;
      }),
  );
}

function dataOf(result: unknown): unknown {
  return typeof result === 'object' && result !== null && 'data' in result ? result.data : result;
}
