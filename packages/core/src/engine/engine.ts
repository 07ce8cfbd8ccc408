import { z } from 'zod';
import type { MessageEvent } from '../domain/event.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { generateTraceId } from '../util/ids.js';
import { BehaviorCache } from './behavior-cache.js';
import type { EngineDependencies } from './engine-options.js';
import { SessionRuntime, type TurnOutcome } from './session-runtime.js';
import { runTurn } from './turn-runner.js';

const customerMessageSchema = z.object({
  message: z.string().refine((text) => text.trim().length > 0, 'message must not be empty'),
  /** Overrides who the message is shown as written by. */
  participant: z.object({ id: z.string().nullable(), display_name: z.string().min(1) }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
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
  /** Settles with how the turn that answers it ended (`superseded` if a newer message took over). */
  turn: Promise<TurnOutcome>;
}

/** The turn engine: stores customer messages and runs turns, one per session at a time. */
export interface Engine {
  /** Stores a customer message, then schedules a turn that answers it. */
  postCustomerMessage(sessionId: string, input: CustomerMessageInput): Promise<PostedMessage>;
  /**
   * Schedules a turn without a new customer message (a greeting, an explicit "respond now").
   * Uses `traceId` for its events, or a new trace id.
   */
  respond(sessionId: string, traceId?: string): Promise<TurnOutcome>;
  /** Resolves when the session has no turn running or scheduled, and no after-reply work. */
  idle(sessionId: string): Promise<void>;
  /** Cancels uncommitted turns and waits for the rest to finish. */
  close(): Promise<void>;
}

/** Creates the turn engine over injected stores, models, strategies and tools. */
export function createEngine(deps: EngineDependencies): Engine {
  const onError =
    deps.onError ?? ((error: unknown) => console.error('[conduct] turn failed:', error));
  const behavior = new BehaviorCache();
  const runtime = new SessionRuntime(
    (start) => runTurn(deps, behavior, start),
    (error, sessionId) => onError(error, { sessionId }),
  );
  return {
    async postCustomerMessage(sessionId, input) {
      const parsed = parseOrThrow(customerMessageSchema, input, 'customer message');
      const session = await deps.store.sessions.get(sessionId);
      const customer = await deps.store.customers.find(session.customerId);
      const traceId = parsed.traceId ?? generateTraceId();
      const event = (await deps.store.events.append(sessionId, {
        kind: 'message',
        source: 'customer',
        traceId,
        ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
        data: {
          message: parsed.message,
          participant: parsed.participant ?? {
            id: session.customerId,
            display_name: customer?.name ?? session.customerId,
          },
          flagged: false,
          tags: [],
        },
      })) as MessageEvent;
      return { event, turn: runtime.schedule(sessionId, traceId) };
    },
    async respond(sessionId, traceId) {
      await deps.store.sessions.get(sessionId);
      return runtime.schedule(sessionId, traceId ?? generateTraceId());
    },
    idle: (sessionId) => runtime.idle(sessionId),
    close: () => runtime.close(),
  };
}
