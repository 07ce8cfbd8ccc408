import type { TurnReport } from '@conduct/core';
import type { Logger } from './logger.js';

/** Errors named in full on a turn's line; the rest are counted. */
const ERRORS_SHOWN = 3;

/**
 * Writes one line per turn: its outcome, session, agent, how many guidelines matched, how many
 * model calls it made and how long it took to its final `ready`, plus what went wrong. A failed
 * turn is an error line with the error's message (e.g. what to configure); a turn that survived
 * errors (an unevaluated guideline, a failed analysis) is a warning naming them.
 */
export function logTurn(log: Logger, { outcome, record }: TurnReport): void {
  const durationMs =
    record.endedAt === null ? null : Date.parse(record.endedAt) - Date.parse(record.startedAt);
  const errors = record.errors.map((error) => error.message);
  const fields = {
    sessionId: record.sessionId,
    agentId: record.agentId,
    traceId: record.traceId,
    outcome: outcome.status,
    matched: record.matched.guidelines.length,
    modelCalls: record.modelCalls.length,
    durationMs,
    errors,
  };
  const facts = [
    `session ${record.sessionId}`,
    `agent ${record.agentId}`,
    `${fields.matched} matched`,
    `${fields.modelCalls} model call${fields.modelCalls === 1 ? '' : 's'}`,
    ...(durationMs === null ? [] : [`${durationMs} ms`]),
  ].join(', ');
  const line = `turn ${outcome.status}: ${facts}`;
  if (outcome.status === 'failed') {
    log.error(`${line} — ${outcome.error ?? errors[0] ?? 'unknown error'}`, undefined, fields);
  } else if (errors.length > 0) {
    log.warn(`${line} — ${describeErrors(errors)}`, fields);
  } else {
    log.info(line, fields);
  }
}

function describeErrors(errors: readonly string[]): string {
  const shown = errors.slice(0, ERRORS_SHOWN).join('; ');
  const more = errors.length - ERRORS_SHOWN;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}
