import type { Event } from '../domain/event.js';

/**
 * The identity of a call, tool and arguments, whatever the order of the arguments' keys (a store
 * may reorder them): two calls with the same key do the same thing.
 */
export function callKey(tool: string, args: Record<string, unknown>): string {
  return `${tool} ${stableJson(args)}`;
}

/**
 * Keys of the calls that ran after the customer's latest message. A turn with no new customer
 * message (`respond`, or a turn resumed after a crash) must not run such a call again: no
 * confirmation can have come since. In a turn for a new message the set is empty, and only the
 * tool-call prompt's rule (a confirmation counts once, from the latest messages) guards it.
 */
export function callsSinceLatestCustomerMessage(history: readonly Event[]): Set<string> {
  const latest = history.findLastIndex(
    (event) => event.kind === 'message' && event.source === 'customer',
  );
  const keys = new Set<string>();
  for (const event of history.slice(latest + 1)) {
    if (event.kind !== 'tool' || event.deleted) continue;
    for (const call of event.data.tool_calls) keys.add(callKey(call.tool_id, call.arguments));
  }
  return keys;
}

/**
 * The confirmed calls of a tool round, each usable once: after the `toolsInferred` hooks, a
 * consequential call runs only if it takes one of these.
 */
export class ConfirmedCalls {
  readonly #left = new Map<string, number>();

  add(tool: string, args: Record<string, unknown>): void {
    const key = callKey(tool, args);
    this.#left.set(key, (this.#left.get(key) ?? 0) + 1);
  }

  /** Whether the model confirmed this call (and it was not taken yet); takes it. */
  take(tool: string, args: Record<string, unknown>): boolean {
    const key = callKey(tool, args);
    const left = this.#left.get(key) ?? 0;
    if (left === 0) return false;
    this.#left.set(key, left - 1);
    return true;
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
