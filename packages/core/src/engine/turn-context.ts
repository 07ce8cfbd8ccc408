import type { Agent } from '../domain/agent.js';
import type { CannedResponse } from '../domain/canned-response.js';
import type { Capability } from '../domain/capability.js';
import type { Customer } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey, JourneyState } from '../domain/journey.js';
import type { Relationship } from '../domain/relationship.js';
import type { Session } from '../domain/session.js';
import type { Term } from '../domain/term.js';
import type { ToolInsight } from '../domain/turn-record.js';
import type { Variable, VariableValue } from '../domain/variable.js';
import type { LanguageModel } from '../model/language-model.js';
import type { TurnTime } from './current-time.js';

/** A tool call that ran during this turn, as later stages (re-matching, composing) see it. */
export interface ToolOutcomeView {
  tool: string;
  arguments: Record<string, unknown>;
  /** `succeeded` calls carry the model-visible `data`; `failed` ones an `error`. */
  status: 'succeeded' | 'failed';
  data?: unknown;
  error?: string;
  /** Values the tool offered to canned-response templates (`{{field}}`), on success. */
  cannedResponseFields?: Record<string, unknown>;
  /** Templates the tool offered as candidates for this reply, on success. */
  cannedResponses?: readonly string[];
}

/** A journey the session is in during this turn, and the state it is at. */
export interface ActiveJourneyView {
  journey: Journey;
  state: JourneyState;
}

/** A context variable with the value that applies to this session's customer (if any). */
export interface VariableView {
  variable: Variable;
  value: VariableValue | undefined;
}

/** What one retriever fetched for this turn. */
export interface RetrievedData {
  /** The retriever's name. */
  retriever: string;
  /** The retriever's description (what the data is), when it has one. */
  description?: string;
  /** What it returned (JSON-serializable; never `undefined`: empty results are left out). */
  data: unknown;
}

/** Grounding gathered for the turn: glossary, variables, capabilities, retrieved data. */
export interface TurnGrounding {
  /** Glossary terms relevant to the recent conversation. */
  terms: readonly Term[];
  /**
   * Every variable the agent sees, with the value that applies to the customer (customer >
   * customer tag > agent > global), refreshed through its tool when it was stale.
   */
  variables: readonly VariableView[];
  /** Capabilities relevant to the recent conversation (so the agent can offer them). */
  capabilities: readonly Capability[];
  /** Retriever results; filled right before composing (empty until then). */
  retrieved: readonly RetrievedData[];
}

/** Grounding of a turn that has none. */
export function emptyGrounding(): TurnGrounding {
  return { terms: [], variables: [], capabilities: [], retrieved: [] };
}

/**
 * Everything a turn knows, gathered once at its start and extended as it goes. Strategies,
 * composers and hooks read it; only the engine writes it.
 */
export interface TurnContext {
  /** The customer message's trace id, shared by every event of the turn. */
  traceId: string;
  agent: Agent;
  customer: Customer;
  session: Session;
  /** Every non-deleted event of the session up to the turn's start, oldest first. */
  history: Event[];
  /** When the turn runs and the time zone prompts show it in (every task's `current-time`). */
  time: TurnTime;
  /** Guidelines the agent can see and that are enabled (shared between turns: read-only). */
  guidelines: readonly Guideline[];
  journeys: readonly Journey[];
  relationships: readonly Relationship[];
  /** Every canned response of the behavior model (a turn scopes them when composing). */
  cannedResponses: readonly CannedResponse[];
  /** Journeys the session is in, with their current state (set by journey step selection). */
  activeJourneys: ActiveJourneyView[];
  /** Glossary, variables, capabilities and retrieved data for prompts. */
  grounding: TurnGrounding;
  /** Tool calls of earlier iterations of this turn. */
  toolOutcomes: ToolOutcomeView[];
  /**
   * The preamble this turn sent ("Let me check that for you"), once it was sent: set right
   * before composing, after the preamble settled. Absent when none was sent — including one
   * still being generated when composing started (it is then dropped, never sent).
   */
  preamble?: string;
  /** Why tools could not run (missing or invalid arguments, failures). */
  insights: ToolInsight[];
  /** Preparation iteration, starting at 0. */
  iteration: number;
  /** Aborted when the turn is cancelled (a newer customer message arrived before the reply). */
  signal: AbortSignal;
  /** The model to use; calls made through it are recorded in the turn's decision record. */
  model: LanguageModel;
}
