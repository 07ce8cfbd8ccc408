import { z } from 'zod';
import { GUEST_CUSTOMER_NAME } from '../domain/customer.js';
import type { MessageEvent, NewEvent } from '../domain/event.js';
import { AgentUnavailableError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { idempotencyKeySchema } from '../store/idempotency-key.js';
import { generateTraceId } from '../util/ids.js';
import { ClassificationKeeper } from './classification-keeper.js';
import type { EngineDependencies } from './engine-options.js';
import { withDefaultTimeout } from './model-defaults.js';
import { SessionRuntime, type TurnOutcome } from './session-runtime.js';
import {
  type RecoveredTurn,
  type RecoveredTurns,
  type RecoveryOptions,
  recoverTurns,
} from './turn-recovery.js';
import { TurnRunner } from './turn-runner.js';
import {
  refuseRemovedUnevaluatedPolicy,
  validateUnevaluatedOptions,
} from './unevaluated-policy.js';

export type { RecoveredTurn, RecoveredTurns, RecoveryOptions } from './turn-recovery.js';

const customerMessageSchema = z.object({
  message: z.string().refine((text) => text.trim().length > 0, 'message must not be empty'),
  /** Overrides who the message is shown as written by. */
  participant: z.object({ id: z.string().nullable(), display_name: z.string().min(1) }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /**
   * The moderation verdict, when the message was checked before posting: a flagged message is
   * stored with `flagged: true` and the category `tags`, and prompts show it as withheld.
   */
  moderation: z.object({ flagged: z.boolean(), tags: z.array(z.string()) }).optional(),
  /**
   * Makes the post safe to retry: the message is stored at most once per key in the session,
   * and a retry gets the stored message back (see `EventStore.appendOnce`).
   */
  idempotency: idempotencyKeySchema.optional(),
  /** Trace id to use (e.g. the HTTP request's); a new one otherwise. */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});

/** A customer message to post. */
export type CustomerMessageInput = z.input<typeof customerMessageSchema>;

/** What posting a customer message returns. */
export interface PostedMessage {
  /** The stored customer message; it is stored before any turn runs, so it is never lost. */
  event: MessageEvent;
  /**
   * Settles with how the turn that answers it ended (`superseded` if a newer message took over),
   * once everything the turn writes is written — the after-reply response analysis and the
   * decision record included — so the store may be closed right after. The reply itself is in
   * the store (and streamed) before that: watch the events to show it at once. Not included:
   * the agent's guideline classification a turn may start (agent-wide, apart from turns).
   */
  turn: Promise<TurnOutcome>;
  /**
   * True when the idempotency key was already used: `event` is the message stored then, and
   * `turn` only finishes that message's turn if it never completed (a crash) — it never
   * cancels a running turn or answers the message twice.
   */
  replayed: boolean;
}

/**
 * The turn engine: stores customer messages and runs turns, one per session at a time — also
 * across processes that share a store (through its session locks).
 */
export interface Engine {
  /** Stores a customer message, then schedules a turn that answers it. */
  postCustomerMessage(sessionId: string, input: CustomerMessageInput): Promise<PostedMessage>;
  /**
   * Schedules a turn without a new customer message (a greeting, an explicit "respond now").
   * Uses `traceId` for its events, or a new trace id. Settles like `PostedMessage.turn`.
   */
  respond(sessionId: string, traceId?: string): Promise<TurnOutcome>;
  /**
   * Crash recovery, to call once at start: finds every session (in `auto` mode) whose newest
   * customer message never got a completed turn — the process died mid-turn — page by page, and
   * either runs that turn again (`resume`) or closes it with an `error` status and `ready`
   * (`mark`); a message older than `maxAgeMs` (default 24 h) is always marked. At most
   * `concurrency` (default 4) run at once, each under the session's lock, after checking that
   * no other process answered it meanwhile, and without cancelling a turn this process started
   * for a newer message. A turn counts as done (for `concurrency` and `settled`) once its
   * outcome is known; its after-reply work goes on apart (`idle`, `close` wait for it).
   * Defaults: the engine's `unfinishedTurns…` options.
   *
   * @throws ConfigurationError for an unknown mode or an invalid number.
   */
  recoverUnfinishedTurns(options?: RecoveryOptions): Promise<RecoveredTurns>;
  /**
   * Resolves when the session has no turn running or scheduled, and no after-reply work. Not
   * the agent's guideline classification, which is no session's work (`conduct.prepare()`
   * waits for it; `close` aborts it).
   */
  idle(sessionId: string): Promise<void>;
  /**
   * Stops uncommitted turns and waits for the rest to finish; aborts guideline classification
   * in flight and waits for it to settle. A stopped turn writes no `cancelled`/`ready`: its
   * message stays unfinished, for the next start to resume or mark.
   */
  close(): Promise<void>;
}

/**
 * Creates the turn engine over injected stores, models, strategies and tools.
 *
 * @throws ConfigurationError for unusable `unevaluated` options, or the removed
 *   `unevaluatedPolicy` (use `unevaluated`).
 */
export function createEngine(deps: EngineDependencies): Engine {
  return buildEngine(deps, classificationKeeperFor(deps));
}

/**
 * The keeper of guideline classification `deps` ask for (`undefined` without a
 * `guidelineClassifier`), its model calls bounded by the engine's default timeout.
 */
export function classificationKeeperFor(
  deps: EngineDependencies,
): ClassificationKeeper | undefined {
  if (!deps.guidelineClassifier) return undefined;
  return new ClassificationKeeper({
    classifier: deps.guidelineClassifier,
    store: deps.store,
    model: withDefaultTimeout(deps.model, deps.modelTimeoutMs ?? 60_000),
  });
}

/** {@link createEngine} with the given classification keeper (shared with `conduct.prepare`). */
export function buildEngine(
  deps: EngineDependencies,
  classification: ClassificationKeeper | undefined,
): Engine {
  refuseRemovedUnevaluatedPolicy(deps);
  validateUnevaluatedOptions(deps.unevaluated);
  const onError = deps.onError ?? reportToConsole;
  const { store } = deps;
  // The runtime starts turns (one per session at a time); the runner runs each one.
  const turns = new TurnRunner({ deps, classification, onError });
  const runtime = new SessionRuntime(turns.run, onError, {
    locks: store.sessionLocks,
    onLockFailure: turns.closeUnstarted,
  });
  let closed = false;
  return {
    async postCustomerMessage(sessionId, input) {
      const parsed = parseOrThrow(customerMessageSchema, input, 'customer message');
      const session = await deps.store.sessions.get(sessionId);
      refuseUnavailable(deps, session.agentId);
      const customer = await deps.store.customers.find(session.customerId);
      const traceId = parsed.traceId ?? generateTraceId();
      const message: NewEvent = {
        kind: 'message',
        source: 'customer',
        traceId,
        ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
        data: {
          message: parsed.message,
          participant: parsed.participant ?? {
            id: session.customerId,
            // Never the id: it reaches every prompt, and a model would repeat `cus-…`.
            display_name: customer?.name ?? GUEST_CUSTOMER_NAME,
          },
          flagged: parsed.moderation?.flagged ?? false,
          tags: parsed.moderation?.tags ?? [],
        },
      };
      const { event, replayed } =
        parsed.idempotency === undefined
          ? { event: await deps.store.events.append(sessionId, message), replayed: false }
          : await deps.store.events.appendOnce(sessionId, message, parsed.idempotency);
      // A replay waits behind any turn of the session and, holding it, finds the message
      // answered (the gate reads the log): only a turn lost with a crash runs again.
      const turn = runtime.schedule(sessionId, event.traceId, {
        messageOffset: event.offset,
        ...(replayed ? { preempt: false } : {}),
      });
      return { event: event as MessageEvent, turn, replayed };
    },
    async respond(sessionId, traceId) {
      refuseUnavailable(deps, (await deps.store.sessions.get(sessionId)).agentId);
      return runtime.schedule(sessionId, traceId ?? generateTraceId());
    },
    recoverUnfinishedTurns(options = {}) {
      const defaults: RecoveryOptions = {
        ...(deps.unfinishedTurns === undefined ? {} : { mode: deps.unfinishedTurns }),
        ...(deps.unfinishedTurnsMaxAgeMs === undefined
          ? {}
          : { maxAgeMs: deps.unfinishedTurnsMaxAgeMs }),
        ...(deps.unfinishedTurnsConcurrency === undefined
          ? {}
          : { concurrency: deps.unfinishedTurnsConcurrency }),
      };
      const schedule = async (turn: RecoveredTurn) => {
        // An agent out of service answers nothing: its cut-off turns are closed, not resumed.
        const resume = turn.action === 'resume' && !(await isUnavailable(deps, turn.sessionId));
        // The outcome only: a slot frees once the reply is committed, so cut-off customers do
        // not queue behind other sessions' after-reply work (close() still waits for it).
        return runtime.scheduleOutcome(turn.sessionId, turn.traceId, {
          messageOffset: turn.offset,
          action: resume ? 'run' : 'mark',
          // Started late (bounded concurrency): never cancel a turn for a newer message.
          preempt: false,
        });
      };
      return recoverTurns(
        { events: store.events, defaults, schedule, closed: () => closed },
        options,
      );
    },
    idle: (sessionId) => runtime.idle(sessionId),
    async close() {
      closed = true;
      // Classification is aborted first: turns that end while closing start none.
      const classified = classification?.close();
      await runtime.close();
      await classified;
    },
  };
}

/** The default `onError`: the console, naming the session. */
function reportToConsole(error: unknown, { sessionId }: { sessionId: string }): void {
  console.error(`[conduct] session ${sessionId}:`, error);
}

/** Throws `AgentUnavailableError` when the agent is out of service. */
function refuseUnavailable(deps: EngineDependencies, agentId: string): void {
  const access = deps.agentAccess?.(agentId);
  if (access !== undefined) throw new AgentUnavailableError(agentId, access);
}

async function isUnavailable(deps: EngineDependencies, sessionId: string): Promise<boolean> {
  if (deps.agentAccess === undefined) return false;
  const session = await deps.store.sessions.find(sessionId);
  return session !== undefined && deps.agentAccess(session.agentId) !== undefined;
}
