import type { Agent } from '../domain/agent.js';
import type { Event, MessageEvent } from '../domain/event.js';
import type {
  MessageEventData,
  Participant,
  StatusEventData,
  ToolCallData,
} from '../domain/event-data.js';
import type { EventStore } from '../store/event-store.js';
import { generateId } from '../util/ids.js';
import { nowIso } from '../util/time.js';

/** A reply being streamed into one message event. */
export interface MessageStream {
  /** Appends a delta: the first one creates the event, later ones update it in place. */
  write(delta: string): Promise<void>;
  /**
   * Marks the message complete (`chunks` ends with `null`) — with `truncated: true` in its data
   * when its text was cut off; returns the event, if any text came.
   */
  end(options?: { truncated?: boolean }): Promise<MessageEvent | undefined>;
}

type EmittedEvent =
  | { kind: 'status'; source: 'ai_agent'; data: StatusEventData }
  | { kind: 'message'; source: 'ai_agent'; data: MessageEventData }
  | { kind: 'tool'; source: 'system'; data: { tool_calls: ToolCallData[] } };

/**
 * Writes a turn's events to the session log, all with the turn's trace id, in the wire shapes
 * clients expect. Remembers the ids of everything it emitted for the decision record.
 *
 * A block reply is held back: a complete message emitted after the turn's `typing` status is
 * the reply, and it is written by {@link TurnEmitter.flush} in the transaction that commits the
 * turn — together with its final `ready` — so a reply is never seen without its turn's end.
 */
export class TurnEmitter {
  readonly #eventIds: string[] = [];
  readonly #held: (EmittedEvent & { id: string })[] = [];
  #typing = false;
  readonly #events: EventStore;
  readonly #sessionId: string;
  readonly #traceId: string;
  #participant: Participant;

  /** Until {@link TurnEmitter.speakAs} is called, messages show the agent by id. */
  constructor(events: EventStore, sessionId: string, traceId: string, agentId: string) {
    this.#events = events;
    this.#sessionId = sessionId;
    this.#traceId = traceId;
    this.#participant = { id: agentId, display_name: agentId };
  }

  /** The ids of every event the turn emitted, in order (for the decision record). */
  get eventIds(): readonly string[] {
    return this.#eventIds;
  }

  /** Sets who the turn's messages are shown as written by (once the agent is loaded). */
  speakAs(agent: Pick<Agent, 'id' | 'name'>): void {
    this.#participant = { id: agent.id, display_name: agent.name };
  }

  /** Emits a `status` event (through `via`, e.g. a transaction, when given). */
  async status<S extends StatusEventData['status']>(
    status: S,
    data: Extract<StatusEventData, { status: S }>['data'],
    via?: EventStore,
  ): Promise<Event> {
    if (status === 'typing') this.#typing = true;
    return this.#append(
      { kind: 'status', source: 'ai_agent', data: { status, data } as StatusEventData },
      via,
    );
  }

  /**
   * Emits a complete agent message. The reply (after `typing`) is held for
   * {@link TurnEmitter.flush}: the event returned then has its final id, but no offset yet (-1).
   */
  async message(text: string, extra: Partial<MessageEventData> = {}): Promise<MessageEvent> {
    const event: EmittedEvent = {
      kind: 'message',
      source: 'ai_agent',
      data: { message: text, participant: { ...this.#participant }, ...extra },
    };
    if (!this.#typing) return (await this.#append(event)) as MessageEvent;
    const id = generateId();
    this.#held.push({ ...event, id });
    return {
      ...event,
      id,
      sessionId: this.#sessionId,
      offset: -1,
      traceId: this.#traceId,
      createdAt: nowIso(),
      metadata: {},
      deleted: false,
      revision: 0,
    } as MessageEvent;
  }

  /** Writes the held reply through `via` (the turn's commit transaction). */
  async flush(via: EventStore): Promise<void> {
    for (const event of this.#held) await this.#append(event, via);
    this.#held.length = 0;
  }

  /** Forgets the held reply (its turn failed before committing). */
  discardHeld(): void {
    this.#held.length = 0;
  }

  /** Where the emitter stands now, to {@link TurnEmitter.rollback} to. */
  checkpoint(): number {
    return this.#eventIds.length;
  }

  /**
   * Forgets what was emitted since `checkpoint`, and the held reply: the transaction that wrote
   * them rolled back, so none of it exists.
   */
  rollback(checkpoint: number): void {
    this.#eventIds.length = checkpoint;
    this.discardHeld();
  }

  /** Emits one `tool` event holding every call of a tool round. */
  async tools(calls: ToolCallData[]): Promise<Event> {
    return this.#append({ kind: 'tool', source: 'system', data: { tool_calls: calls } });
  }

  /** Starts a streamed agent message; nothing is emitted until the first non-empty delta. */
  stream(extra: Partial<MessageEventData> = {}): MessageStream {
    let event: MessageEvent | undefined;
    const chunks: string[] = [];
    let text = '';
    const data = (final: boolean, truncated = false): MessageEventData => ({
      message: text,
      participant: { ...this.#participant },
      ...extra,
      chunks: final ? [...chunks, null] : [...chunks],
      ...(truncated ? { truncated: true } : {}),
    });
    return {
      write: async (delta) => {
        if (delta.length === 0) return;
        chunks.push(delta);
        text += delta;
        if (event === undefined) {
          event = (await this.#append({
            kind: 'message',
            source: 'ai_agent',
            data: data(false),
          })) as MessageEvent;
        } else {
          event = (await this.#events.update(this.#sessionId, event.id, {
            data: data(false),
          })) as MessageEvent;
        }
      },
      end: async (options = {}) => {
        if (event === undefined) return undefined;
        event = (await this.#events.update(this.#sessionId, event.id, {
          data: data(true, options.truncated === true),
        })) as MessageEvent;
        return event;
      },
    };
  }

  async #append(
    event: EmittedEvent & { id?: string },
    via: EventStore = this.#events,
  ): Promise<Event> {
    const stored = await via.append(this.#sessionId, { ...event, traceId: this.#traceId });
    this.#eventIds.push(stored.id);
    return stored;
  }
}
