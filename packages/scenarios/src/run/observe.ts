import type { TurnRecord } from '@conduct/core';
import { evaluateExpectation } from '../expect/evaluate.js';
import { NameIndex } from '../expect/names.js';
import { recordExcerpt } from '../expect/record-excerpt.js';
import type { CheckResult, TranscriptLine } from '../expect/view.js';
import type { Expectation } from '../scenario/types.js';
import type { ObservedSession, ObservedTurn, TargetSession } from '../target.js';
import type { TurnResult } from './results.js';
import { type RunContext, sendOptions } from './run-context.js';

/** A conversation as a run goes: the transcript and the records so far. */
export class Conversation {
  readonly transcript: TranscriptLine[] = [];
  readonly records: TurnRecord[] = [];
  readonly turns: TurnResult[] = [];
  recordMissing = false;

  constructor(
    readonly context: RunContext,
    readonly session: TargetSession,
  ) {}

  /** The agent's last message so far. */
  get lastReply(): string | undefined {
    return this.transcript.findLast((line) => line.speaker === 'agent')?.text;
  }

  /**
   * Sends one customer message, then checks the turn: against `expectation` when given, else
   * with `defaultChecks` (e.g. a simulated turn must not end in an error).
   */
  async turn(
    message: string,
    expectation: Expectation | undefined,
    defaultChecks: (turn: ObservedTurn) => CheckResult[] = () => [],
  ): Promise<TurnResult> {
    const started = performance.now();
    const observed = await this.session.send(message, sendOptions(this.context));
    this.transcript.push({ speaker: 'customer', text: message });
    for (const text of observed.messages) this.transcript.push({ speaker: 'agent', text });
    if (observed.record !== undefined) this.records.push(observed.record);
    // A record still `running` may lack the turn's later matches and tool calls: checks that
    // something did NOT happen cannot rely on it, any more than on a missing record.
    const incomplete = observed.record === undefined || observed.record.status === 'running';
    if (incomplete) this.recordMissing = true;
    const session = await this.session.inspect();
    const names = new NameIndex(observed.record ? [observed.record] : [], this.context.catalog);
    const checks =
      expectation === undefined
        ? defaultChecks(observed)
        : await evaluateExpectation({
            expectation,
            view: {
              scope: 'turn',
              status: observed.status,
              ...(observed.error === undefined ? {} : { error: observed.error }),
              reply: observed.messages.at(-1),
              records: observed.record ? [observed.record] : [],
              recordMissing: incomplete,
              session,
              openedWith: this.context.scenario.agent,
              names,
              transcript: [...this.transcript],
            },
            ...(this.context.catalog === undefined ? {} : { catalog: this.context.catalog }),
            ...(this.context.judge === undefined ? {} : { judge: this.context.judge }),
          });
    const result: TurnResult = {
      index: this.turns.length + 1,
      customer: message,
      status: observed.status,
      messages: observed.messages,
      traceId: observed.traceId,
      checks,
      passed: checks.every((check) => check.passed),
      excerpt: recordExcerpt(observed.record, names),
      durationMs: Math.round(performance.now() - started),
    };
    this.turns.push(result);
    return result;
  }

  /** Checks `expectation` against the whole conversation, as it stands now. */
  async evaluateWhole(expectation: Expectation, session: ObservedSession): Promise<CheckResult[]> {
    return evaluateExpectation({
      expectation,
      view: {
        scope: 'conversation',
        reply: this.lastReply,
        records: this.records,
        recordMissing: this.recordMissing,
        session,
        openedWith: this.context.scenario.agent,
        names: new NameIndex(this.records, this.context.catalog),
        transcript: this.transcript,
      },
      ...(this.context.catalog === undefined ? {} : { catalog: this.context.catalog }),
      ...(this.context.judge === undefined ? {} : { judge: this.context.judge }),
    });
  }
}
