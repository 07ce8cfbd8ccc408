import type { Event, TurnRecord } from '@conduct/core';

/**
 * Where scenarios run: an engine in this process, or a running server by URL (REST only).
 * A target is given to the runner, which opens one session per scenario run.
 */
export interface ScenarioTarget {
  /** For reports: `'in-process'` or the server's base URL. */
  readonly description: string;
  /** Opens a new session with the given agent (a guest customer when `customerId` is absent). */
  openSession(options: OpenSessionOptions): Promise<TargetSession>;
  /**
   * The agent's guidelines, journeys, tools and approved wording, by id and title. Optional:
   * with it, the runner checks before a run that every name a scenario uses exists (a typo in
   * `notMatched` would otherwise pass silently) and reports titles for ids.
   */
  describeAgent?(agentId: string): Promise<AgentCatalog>;
  /** Releases what the target holds (not the engine or server it was given). */
  close(): Promise<void>;
}

/** Options of {@link ScenarioTarget.openSession}. */
export interface OpenSessionOptions {
  agentId: string;
  customerId?: string;
  title?: string;
}

/** Options of {@link TargetSession.send}. */
export interface SendOptions {
  signal?: AbortSignal;
  /** Fails the send when the turn has not ended after this many milliseconds. */
  timeoutMs?: number;
}

/** One session opened on a target. */
export interface TargetSession {
  readonly id: string;
  /** Posts one customer message; resolves once the turn it started has ended (its final `ready`). */
  send(message: string, options?: SendOptions): Promise<ObservedTurn>;
  /** Answers as the human agent (sessions in manual mode). Optional for targets that cannot. */
  sendAsHuman?(message: string): Promise<void>;
  /** The session as it now stands. */
  inspect(): Promise<ObservedSession>;
}

/** How a turn ended. `'silent'`: the session is in manual mode, the agent did not answer. */
export type ObservedTurnStatus = 'answered' | 'no-reply' | 'error' | 'cancelled' | 'silent';

/** What one turn did, as the target observed it. */
export interface ObservedTurn {
  traceId: string;
  status: ObservedTurnStatus;
  /** Text of each ai-agent message the turn emitted (preambles first), in order; the reply is last. */
  messages: string[];
  /** The `error` status's message, when status is `'error'`. */
  error?: string;
  /** The turn's events (core domain `Event`s, converted from the wire for the HTTP target). */
  events: Event[];
  /**
   * The turn's decision record (core `TurnRecord`; the HTTP target converts it from the trace
   * endpoint's snake_case DTO); undefined when the target cannot read it.
   */
  record: TurnRecord | undefined;
}

/** The session as it stands after a turn. */
export interface ObservedSession {
  /** `'manual'`: handed off to a human. */
  mode: 'auto' | 'manual';
  /** The agent now serving the session; changes on a transfer. */
  agentId: string;
  /** Context variables visible to this session's customer (name -> value). */
  variables: Record<string, unknown>;
}

/** What an agent's behavior model holds, as names a scenario can refer to. */
export interface AgentCatalog {
  agentId: string;
  /** `text`: the rule as a person reads it (`When …, then …`, or `Note: …` for an observation). */
  guidelines: { id: string; title: string | null; text: string }[];
  /** Each journey with its states (`text`: the state's instruction, or its type for forks and ends). */
  journeys: { id: string; title: string; states: { id: string; text: string }[] }[];
  /**
   * Tool refs (`service:tool`). A scenario may name a tool by its ref or by its name alone;
   * refs keep two services' tools of the same name apart.
   */
  tools: string[];
  /** Approved wording (canned responses) by id. */
  cannedResponses: { id: string; value: string }[];
}
