import type { ModelCall } from '../api/types.js';

// Work the engine does after the reply is sent: it never delays what the customer waits for.
const AFTER_REPLY_TASKS = new Set(['response-analysis', 'classify-guideline']);

// Clock readings of calls that follow one another can be a millisecond apart either way.
const TOLERANCE_MS = 5;

const time = (iso: string) => Date.parse(iso);

/**
 * The indexes of the calls on the turn's critical path: starting from the last call to end
 * before the reply (after-reply work excluded), each step back is the call that ended last
 * before this one started — the call it most plausibly waited for.
 */
export function criticalPath(calls: readonly ModelCall[]): Set<number> {
  const path = new Set<number>();
  const onTurn = calls
    .map((call, index) => ({ call, index }))
    .filter(({ call }) => !AFTER_REPLY_TASKS.has(call.task));
  let current = onTurn.reduce<(typeof onTurn)[number] | undefined>(
    (latest, entry) =>
      latest === undefined || time(entry.call.ended_at) > time(latest.call.ended_at)
        ? entry
        : latest,
    undefined,
  );
  while (current !== undefined) {
    path.add(current.index);
    const start = time(current.call.started_at);
    current = onTurn
      .filter(({ call, index }) => !path.has(index) && time(call.ended_at) <= start + TOLERANCE_MS)
      .reduce<(typeof onTurn)[number] | undefined>(
        (latest, entry) =>
          latest === undefined || time(entry.call.ended_at) > time(latest.call.ended_at)
            ? entry
            : latest,
        undefined,
      );
  }
  return path;
}
