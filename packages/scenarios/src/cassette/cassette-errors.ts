import { ConductError } from '@conduct/core';

/** Where a call stands among the calls of a run: its scope, task and position in that task. */
export interface CallPosition {
  scope: string;
  task: string;
  order: number;
}

/**
 * A replayed run made a model call the cassette has no recording of (its prompt or schema
 * changed, or the call is new). `diff` compares its prompt with the nearest recorded one.
 */
export class CassetteMissError extends ConductError {
  static readonly code = 'cassette_miss';
  readonly cassette: string;
  readonly position: CallPosition;
  /** A unified-diff excerpt against the nearest recording; `undefined` when the task has none. */
  readonly diff: string | undefined;

  constructor(details: { cassette: string; position: CallPosition; diff: string | undefined }) {
    const { cassette, position, diff } = details;
    const where = describePosition(position);
    const why =
      diff === undefined
        ? `no '${position.task}' call was recorded at all`
        : `its prompt differs from the nearest recorded one:\n${diff}`;
    super(
      CassetteMissError.code,
      `Cassette ${cassette} has no recorded answer for ${where}: ${why}\nRecord it again with a real model (conduct test --record), or add the missing calls (--cassette-mode auto).`,
    );
    this.cassette = cassette;
    this.position = position;
    this.diff = diff;
  }
}

/** A recorded answer that cannot be replayed any more (it no longer fits its output schema). */
export class CassetteStaleError extends ConductError {
  static readonly code = 'cassette_stale';

  constructor(cassette: string, position: CallPosition, reason: string) {
    super(
      CassetteStaleError.code,
      `Cassette ${cassette}: the recorded answer of ${describePosition(position)} cannot be replayed: ${reason}. Record it again (conduct test --record).`,
    );
  }
}

/** `the 'compose' call #3` (and its scope when there is one), for messages. */
export function describePosition(position: CallPosition): string {
  const scope = position.scope === '' ? '' : ` of "${position.scope}"`;
  return `the '${position.task}' call #${position.order + 1}${scope}`;
}
