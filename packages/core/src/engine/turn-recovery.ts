import { ConfigurationError } from '../errors/errors.js';
import type { EventStore } from '../store/event-store.js';
import type { UnfinishedTurn } from '../store/turn-completion.js';
import { errorMessage } from '../util/error-message.js';
import type { UnfinishedTurnPolicy } from './engine-options.js';
import type { TurnOutcome } from './session-runtime.js';

/** Default of {@link RecoveryOptions.maxAgeMs}: a day. */
export const DEFAULT_UNFINISHED_TURN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Default of {@link RecoveryOptions.concurrency}. */
export const DEFAULT_RECOVERY_CONCURRENCY = 4;
const DEFAULT_PAGE_SIZE = 100;

/** How `Engine.recoverUnfinishedTurns` runs; each option defaults to the engine's. */
export interface RecoveryOptions {
  /** `resume` or `mark` the turns (default: the engine's `unfinishedTurns`, else `resume`). */
  mode?: UnfinishedTurnPolicy;
  /**
   * A turn whose customer message is older than this (ms) is marked, never resumed: an answer
   * to a message that old would surprise more than help. `Infinity` resumes any. Default: the
   * engine's `unfinishedTurnsMaxAgeMs`, else 24 hours.
   */
  maxAgeMs?: number;
  /**
   * At most this many turns recover at once (each resumed one calls the model). Default: the
   * engine's `unfinishedTurnsConcurrency`, else 4.
   */
  concurrency?: number;
  /** How many unfinished turns to read per query. Default 100. */
  pageSize?: number;
}

/** An unfinished turn, and what recovery does with it. */
export interface RecoveredTurn extends UnfinishedTurn {
  /** `resume` runs it again; `mark` closes it with an `error` status (the mode, or too old). */
  action: 'resume' | 'mark';
}

/** What {@link Engine.recoverUnfinishedTurns} found and does. */
export interface RecoveredTurns {
  /** The mode asked for: `resume` or `mark`. Turns older than `maxAgeMs` are marked anyway. */
  mode: UnfinishedTurnPolicy;
  /** The customer messages left without a completed turn, one per session, oldest session first. */
  turns: RecoveredTurn[];
  /**
   * Settles with how each turn ended (in the order of `turns`), once each outcome is known —
   * after-reply work (response analysis) may still run: `engine.close()` waits for it.
   */
  settled: Promise<TurnOutcome[]>;
}

/** What recovery needs from the engine. */
export interface RecoveryContext {
  events: EventStore;
  /** The engine's defaults. */
  defaults: RecoveryOptions;
  /**
   * Schedules one turn without taking over the session (see `TurnRequest.preempt`); resolves
   * with its outcome, without waiting for its after-reply work.
   */
  schedule: (turn: RecoveredTurn) => Promise<TurnOutcome>;
  /** True once the engine is closing: turns not started yet are left for the next start. */
  closed: () => boolean;
  now?: () => number;
}

/**
 * Finds every unfinished turn, page by page, decides per turn (resume, or mark when the mode
 * says so or it is older than `maxAgeMs`), and runs them at most `concurrency` at a time.
 * Resolves once all are listed; `settled` once all are done.
 */
export async function recoverTurns(
  context: RecoveryContext,
  options: RecoveryOptions,
): Promise<RecoveredTurns> {
  const settings = resolve({ ...definedOnly(context.defaults), ...definedOnly(options) });
  const now = (context.now ?? Date.now)();
  const turns: RecoveredTurn[] = [];
  for await (const turn of listAll(context.events, settings.pageSize)) {
    const age = now - Date.parse(turn.createdAt);
    const tooOld = age > settings.maxAgeMs;
    turns.push({ ...turn, action: settings.mode === 'mark' || tooOld ? 'mark' : 'resume' });
  }
  const outcomes: TurnOutcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < turns.length; index = next++) {
      const turn = turns[index]!;
      outcomes[index] = context.closed()
        ? { status: 'cancelled', traceId: turn.traceId }
        : await context.schedule(turn).catch((error: unknown) => ({
            status: 'failed' as const,
            traceId: turn.traceId,
            error: errorMessage(error),
          }));
    }
  };
  const workers = Array.from({ length: Math.min(settings.concurrency, turns.length) }, worker);
  return { mode: settings.mode, turns, settled: Promise.all(workers).then(() => outcomes) };
}

/** Every unfinished turn, one page at a time (stops if a store ignores the cursor). */
async function* listAll(events: EventStore, pageSize: number): AsyncGenerator<UnfinishedTurn> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await events.listUnfinishedTurns({
      limit: pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const fresh = page.filter((turn) => !seen.has(turn.sessionId));
    for (const turn of fresh) {
      seen.add(turn.sessionId);
      yield turn;
    }
    const last = page.at(-1);
    if (page.length < pageSize || fresh.length === 0 || last?.cursor === undefined) return;
    cursor = last.cursor;
  }
}

function resolve(options: RecoveryOptions): Required<RecoveryOptions> {
  const mode = options.mode ?? 'resume';
  if (mode !== 'resume' && mode !== 'mark') {
    throw new ConfigurationError(
      `Unknown unfinished-turn mode '${String(mode)}': use 'resume' or 'mark'`,
    );
  }
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_UNFINISHED_TURN_MAX_AGE_MS;
  if (typeof maxAgeMs !== 'number' || Number.isNaN(maxAgeMs) || maxAgeMs < 0) {
    throw new ConfigurationError(
      `Invalid unfinished-turn max age ${String(maxAgeMs)}: use a number of milliseconds >= 0, or Infinity`,
    );
  }
  const concurrency = options.concurrency ?? DEFAULT_RECOVERY_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError(
      `Invalid unfinished-turn concurrency ${String(concurrency)}: use a whole number >= 1`,
    );
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new ConfigurationError(
      `Invalid unfinished-turn page size ${String(pageSize)}: use a whole number from 1 to 1000`,
    );
  }
  return { mode, maxAgeMs, concurrency, pageSize };
}

function definedOnly(options: RecoveryOptions): RecoveryOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as RecoveryOptions;
}
