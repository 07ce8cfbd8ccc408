import type { SessionEvent, StatusData } from '../api/types.js';

/** What the agent is doing now, for the line under the conversation. */
export interface TurnStatus {
  /** `acknowledged`, `processing`, `typing`, `cancelled`, `error`, or `idle`. */
  state: string;
  /** A processing stage (`Interpreting`, `Considering tools`…) or an error's message. */
  detail: string | null;
}

/**
 * The status of the latest turn: the last status event, except that a `ready` ending a turn
 * means idle (after a `cancelled` or `error`, the turn's message stays visible in the
 * transcript instead).
 */
export function latestTurnStatus(events: readonly SessionEvent[]): TurnStatus {
  const last = events.findLast((event) => event.kind === 'status');
  if (last === undefined) return { state: 'idle', detail: null };
  const status = last.data as StatusData;
  const lastMessage = events.findLast((event) => event.kind === 'message');
  // A preamble's `ready {}` does not end the turn; only a completed one does.
  if (status.status === 'ready') return { state: 'idle', detail: null };
  if (lastMessage !== undefined && lastMessage.offset > last.offset && status.status === 'typing') {
    return { state: 'typing', detail: null };
  }
  const detail =
    status.status === 'error'
      ? String(status.data?.exception ?? 'the turn failed')
      : typeof status.data?.stage === 'string'
        ? status.data.stage
        : null;
  return { state: status.status, detail };
}

/** Words for a status, as the person reads them. */
export function describeStatus(status: TurnStatus): string {
  switch (status.state) {
    case 'acknowledged':
      return 'Message received';
    case 'processing':
      return status.detail ? `${status.detail}…` : 'Thinking…';
    case 'typing':
      return 'Typing…';
    case 'cancelled':
      return 'Cancelled: a newer message arrived';
    case 'error':
      return `Error: ${status.detail ?? 'the turn failed'}`;
    default:
      return '';
  }
}
