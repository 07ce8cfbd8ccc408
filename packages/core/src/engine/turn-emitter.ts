import type { Agent } from '../domain/agent.js';
import type { Event, MessageEvent } from '../domain/event.js';
import type {
  MessageEventData,
  Participant,
  StatusEventData,
  ToolCallData,
} from '../domain/event-data.js';
import type { EventStore } from '../store/event-store.js';

/** A reply being streamed into one message event. */
export interface MessageStream {
  /** Appends a delta: the first one creates the event, later ones update it in place. */
  write(delta: string): Promise<void>;
  /** Marks the message complete (`chunks` ends with `null`); returns the event, if any text came. */
  end(): Promise<MessageEvent | undefined>;
}

/**
 * Writes a turn's events to the session log, all with the turn's trace id, in the wire shapes
 * clients expect. Remembers the ids of everything it emitted for the decision record.
 */
export class TurnEmitter {
  readonly eventIds: string[] = [];
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

  /** Sets who the turn's messages are shown as written by (once the agent is loaded). */
  speakAs(agent: Pick<Agent, 'id' | 'name'>): void {
    this.#participant = { id: agent.id, display_name: agent.name };
  }

  /** Emits a `status` event. */
  async status<S extends StatusEventData['status']>(
    status: S,
    data: Extract<StatusEventData, { status: S }>['data'],
  ): Promise<Event> {
    return this.#append({
      kind: 'status',
      source: 'ai_agent',
      data: { status, data } as StatusEventData,
    });
  }

  /** Emits a complete agent message. */
  async message(text: string, extra: Partial<MessageEventData> = {}): Promise<MessageEvent> {
    const event = await this.#append({
      kind: 'message',
      source: 'ai_agent',
      data: { message: text, participant: { ...this.#participant }, ...extra },
    });
    return event as MessageEvent;
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
    const data = (final: boolean): MessageEventData => ({
      message: text,
      participant: { ...this.#participant },
      ...extra,
      chunks: final ? [...chunks, null] : [...chunks],
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
      end: async () => {
        if (event === undefined) return undefined;
        event = (await this.#events.update(this.#sessionId, event.id, {
          data: data(true),
        })) as MessageEvent;
        return event;
      },
    };
  }

  async #append(
    event:
      | { kind: 'status'; source: 'ai_agent'; data: StatusEventData }
      | { kind: 'message'; source: 'ai_agent'; data: MessageEventData }
      | { kind: 'tool'; source: 'system'; data: { tool_calls: ToolCallData[] } },
  ): Promise<Event> {
    const stored = await this.#events.append(this.#sessionId, { ...event, traceId: this.#traceId });
    this.eventIds.push(stored.id);
    return stored;
  }
}
