import type { Guideline } from '../domain/guideline.js';
import type { TurnContext } from './turn-context.js';

/**
 * What a hook tells the engine:
 * - `continue`: run the next hook of this point, then go on;
 * - `skip`: go on, but skip the remaining hooks of this point;
 * - `bail`: stop the turn here and send no reply (the turn still ends with `ready`).
 */
export type HookResult = 'continue' | 'skip' | 'bail';

/** A hook: may inspect (and, where documented, change) the payload. */
export type Hook<Payload> = (
  context: TurnContext,
  payload: Payload,
) => HookResult | undefined | Promise<HookResult | undefined>;

/** A proposed tool call, before it runs. Hooks may remove entries from the list. */
export interface ProposedToolCall {
  tool: string;
  arguments: Record<string, unknown>;
}

/** Named points of a turn where code can observe or steer it. */
export interface EngineHooks {
  /** After `acknowledged` was emitted. */
  acknowledged?: Hook<undefined>[];
  /** After matching and relationship resolution; the list may be edited in place. */
  matched?: Hook<{ guidelines: Guideline[] }>[];
  /**
   * After tool calls were proposed, before they are validated and run. `calls` holds the
   * arguments as the model gave them (`null` = unknown) and may be edited; edits are validated.
   * Calls of a consequential tool the customer has not confirmed are not among them: they never
   * run, and the reply asks for the confirmation. A consequential call runs only if it matches
   * (tool and arguments) one the model marked confirmed: one a hook changed or added is held
   * for the customer's confirmation instead.
   */
  toolsInferred?: Hook<{ calls: ProposedToolCall[] }>[];
  /** Right before the reply is written. */
  beforeCompose?: Hook<{ guidelines: Guideline[] }>[];
  /** After the full reply text is known, before it is sent (block mode). `text` may be edited. */
  draft?: Hook<{ text: string }>[];
  /** After the reply message event was emitted. `bail` here has nothing left to stop. */
  message?: Hook<{ eventId: string; text: string }>[];
  /** When the turn failed; runs before the `error` status is emitted. */
  error?: Hook<{ error: unknown }>[];
}

/** Runs the hooks of one point in order; returns `bail` if any bailed, else `continue`. */
export async function runHooks<Payload>(
  hooks: Hook<Payload>[] | undefined,
  context: TurnContext,
  payload: Payload,
): Promise<'continue' | 'bail'> {
  for (const hook of hooks ?? []) {
    const result = (await hook(context, payload)) ?? 'continue';
    if (result === 'bail') return 'bail';
    if (result === 'skip') break;
  }
  return 'continue';
}

/** Concatenates hook lists point by point (engine-wide hooks first, then per-call ones). */
export function mergeHooks(...sets: (EngineHooks | undefined)[]): EngineHooks {
  const merged: Record<string, Hook<never>[]> = {};
  for (const set of sets) {
    for (const [point, hooks] of Object.entries(set ?? {})) {
      merged[point] = [...(merged[point] ?? []), ...((hooks as Hook<never>[] | undefined) ?? [])];
    }
  }
  return merged as EngineHooks;
}
