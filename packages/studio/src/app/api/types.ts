// Wire shapes of the REST API the studio reads (snake_case, as the API sends them). Only the
// fields the studio uses are declared.

/** An agent. */
export interface Agent {
  id: string;
  name: string;
  description: string | null;
  composition_mode: string;
  message_output_mode: 'block' | 'stream';
  tags: string[];
}

/** A customer. */
export interface Customer {
  id: string;
  name: string;
  tags: string[];
}

/** A session. */
export interface Session {
  id: string;
  agent_id: string;
  customer_id: string;
  creation_utc: string;
  title: string | null;
  mode: 'auto' | 'manual';
}

/** A participant of a message. */
export interface Participant {
  id?: string | null;
  display_name?: string | null;
}

/** `data` of a message event. */
export interface MessageData {
  message: string;
  participant?: Participant;
  flagged?: boolean;
  tags?: string[];
  chunks?: (string | null)[];
  draft?: string;
  canned_responses?: unknown[];
  truncated?: boolean;
}

/** `data` of a status event. */
export interface StatusData {
  status: 'acknowledged' | 'processing' | 'typing' | 'ready' | 'cancelled' | 'error' | string;
  data?: { stage?: string; exception?: string; [key: string]: unknown };
}

/** One call in a tool event. */
export interface ToolCallData {
  tool_id: string;
  arguments: Record<string, unknown>;
  result: {
    data?: unknown;
    metadata?: Record<string, unknown>;
    control?: Record<string, unknown>;
  };
}

/** An event of a session. */
export interface SessionEvent {
  id: string;
  source: string;
  kind: 'message' | 'tool' | 'status' | 'custom';
  offset: number;
  creation_utc: string;
  trace_id: string;
  data: unknown;
  deleted: boolean;
  /** Sent by `/events/stream`: grows with each in-place update of a streamed message. */
  revision?: number;
}

/** An entity a decision record names. */
export interface EntityRef {
  type: 'guideline' | 'journey' | 'journey-state' | 'tool';
  id: string;
}

/** What an entity was during the turn, in its author's words. */
export interface Subject {
  entity: EntityRef;
  title: string | null;
  text: string;
}

/** One strategy's answer about one entity. */
export interface Verdict {
  entity: EntityRef;
  strategy: string;
  matched: boolean | null;
  rationale: string | null;
  error: string | null;
  clarification?: { targets: { type: string; id: string }[]; question: string };
}

/** Why the resolver added or dropped an entity. */
export interface Resolution {
  entity: EntityRef;
  change: 'added' | 'dropped' | 'kept';
  rule: string;
  relationship_id: string | null;
  because: EntityRef | null;
  explanation: string;
}

/** A journey decision of a turn. */
export interface JourneyDecision {
  journey_id: string;
  action: string;
  from: string | null;
  to: string | null;
  via: string[];
  decided_by: string;
  reason: string;
}

/** Token usage of a model call. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
}

/** A model call of a turn. */
export interface ModelCall {
  task: string;
  kind: 'object' | 'text' | 'embed';
  provider: string;
  model: string;
  started_at: string;
  ended_at: string;
  latency_ms: number;
  usage: Usage;
  messages: { role: string; content: string; cache_breakpoint: boolean }[];
  output: string | null;
  error: string | null;
}

/** A tool call of a turn. */
export interface TurnToolCall {
  tool: { service_name?: string; tool_name?: string } | string;
  arguments: Record<string, unknown>;
  status: 'succeeded' | 'failed' | 'skipped';
  result: unknown;
  error: string | null;
  duration_ms: number;
}

/** The decision record of one turn. */
export interface TurnRecord {
  id: string;
  trace_id: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  candidates: EntityRef[];
  skipped: { entity: EntityRef; reason: string }[];
  verdicts: Verdict[];
  resolution: Resolution[];
  matched: { guidelines: string[]; journeys: string[]; journey_states: string[] };
  journeys: JourneyDecision[];
  tool_decisions: {
    tool: unknown;
    offered_by: EntityRef[];
    decided_by: string;
    reason: string;
    calls: number;
    awaiting_confirmation: number;
  }[];
  tool_calls: TurnToolCall[];
  insights: { tool: unknown; kind: string; parameter: string | null; message: string }[];
  model_calls: ModelCall[];
  grounding: {
    method: string;
    terms: string[];
    capabilities: string[];
    variables: { id: string; name: string; key: string }[];
    refreshes: { name: string; status: string; duration_ms: number; error: string | null }[];
    retrievers: {
      name: string;
      attached_to: string;
      status: string;
      duration_ms: number;
      size: number;
      error: string | null;
    }[];
  };
  composition: {
    mode: string;
    mode_source: EntityRef | null;
    mode_reason: string;
    candidates: string[];
    excluded: { id: string; reason: string }[];
    chosen: string | null;
    outcome: string;
    reason: string;
  } | null;
  stages: { name: string; started_at: string; duration_ms: number }[];
  errors: { stage: string; message: string; code: string | null; entity?: EntityRef }[];
  notes: string[];
  subjects: Subject[];
}

/** `GET /sessions/{id}/traces/{trace_id}`. */
export interface Trace {
  session_id: string;
  trace_id: string;
  turns: TurnRecord[];
  events: SessionEvent[];
}

/** A guideline. */
export interface Guideline {
  id: string;
  condition: string;
  action: string | null;
  description: string | null;
  title: string | null;
  criticality?: string;
  enabled: boolean;
  tags: string[];
  priority: number;
}

/** A journey state. */
export interface JourneyState {
  id: string;
  type: 'chat' | 'tool' | 'fork' | 'journey' | 'end';
  description: string | null;
  instruction?: string | null;
  tools?: unknown[];
  journey_id?: string;
}

/** A journey with its graph. */
export interface Journey {
  id: string;
  title: string;
  description: string;
  conditions: string[];
  tags: string[];
  initial_state_id: string;
  states: JourneyState[];
  transitions: { id: string; from: string; to: string; condition: string | null }[];
}

/** A tool as feedback names it. */
export interface ToolId {
  service_name: string;
  tool_name: string;
}

/** Feedback on an agent message. */
export interface Feedback {
  id: string;
  session_id: string;
  agent_id: string;
  event_id: string;
  trace_id: string;
  creation_utc: string;
  author: string | null;
  rating: 'good' | 'bad';
  comment: string | null;
  corrections: {
    guidelines: { should_match: string[]; should_not_match: string[] };
    expected_reply: string | null;
    tools: { should_call: ToolId[]; should_not_call: ToolId[] };
  };
}
