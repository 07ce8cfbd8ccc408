import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey } from '../domain/journey.js';
import type { Relationship } from '../domain/relationship.js';
import type { Session } from '../domain/session.js';
import type { ToolInsight } from '../domain/turn-record.js';
import type { LanguageModel } from '../model/language-model.js';

/** A tool call that ran during this turn, as later stages (re-matching, composing) see it. */
export interface ToolOutcomeView {
  tool: string;
  arguments: Record<string, unknown>;
  /** `succeeded` calls carry the model-visible `data`; `failed` ones an `error`. */
  status: 'succeeded' | 'failed';
  data?: unknown;
  error?: string;
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
  /** Guidelines the agent can see and that are enabled (shared between turns: read-only). */
  guidelines: readonly Guideline[];
  journeys: readonly Journey[];
  relationships: readonly Relationship[];
  /** Tool calls of earlier iterations of this turn. */
  toolOutcomes: ToolOutcomeView[];
  /** Why tools could not run (missing or invalid arguments, failures). */
  insights: ToolInsight[];
  /** Preparation iteration, starting at 0. */
  iteration: number;
  /** Aborted when the turn is cancelled (a newer customer message arrived before the reply). */
  signal: AbortSignal;
  /** The model to use; calls made through it are recorded in the turn's decision record. */
  model: LanguageModel;
}
