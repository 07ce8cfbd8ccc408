import type { ObservedTurnStatus } from '../target.js';

/**
 * A scenario: a conversation with one agent and what must hold along the way. Either scripted
 * (`turns`: the customer's messages, each with its expectations) or simulated (`simulate`: a
 * model plays the customer towards a goal, then `success` and `judge` decide).
 *
 * YAML files and the TypeScript builders describe the same object.
 */
export interface Scenario {
  /** Shown in reports; unique within a suite. */
  name: string;
  /** Id of the agent the conversation is with. */
  agent: string;
  /** Id of the customer the session is opened for; a guest when absent. */
  customer?: string;
  /** What the scenario is about, for people reading it. */
  description?: string;
  /** Free labels, e.g. to select a subset of a suite. */
  tags?: string[];
  /** The customer's scripted messages, each with what must hold after the agent's turn. */
  turns?: ScriptedTurn[];
  /** A simulated customer instead of scripted turns. */
  simulate?: SimulatedCustomer;
  /** What must hold once a simulated conversation ends (across all its turns). */
  success?: Expectation;
  /** A natural-language criterion a judge checks against the whole conversation. */
  judge?: string;
  /** How many times the scenario runs (default 1, or the suite's). pass^k is reported. */
  repeat?: number;
  /** Which runs must pass: `all` (default) or a strict `majority`. */
  policy?: RunPolicy;
  /** Where the scenario was defined (set by the YAML loader). */
  source?: ScenarioSource;
}

/** Which runs of a repeated scenario must pass for it to pass. */
export type RunPolicy = 'all' | 'majority';

/** The file (and line) a scenario was read from. */
export interface ScenarioSource {
  file: string;
  line?: number;
}

/** One scripted customer message and what must hold after the agent's turn. */
export interface ScriptedTurn {
  customer: string;
  expect?: Expectation;
}

/**
 * What must hold after a turn (or, as a simulated scenario's `success`, across the whole
 * conversation: a guideline "matched" if it applied at any turn, "not matched" if at none).
 * Guidelines, journeys and canned responses are named by title or id; tools by name.
 */
export interface Expectation {
  /** How the turn must end. Default `answered` (for a turn; not checked for a conversation). */
  status?: ObservedTurnStatus;
  guidelines?: GuidelineExpectation;
  journey?: JourneyExpectation;
  tools?: ToolExpectation;
  reply?: ReplyExpectation;
  session?: SessionExpectation;
}

/** Guidelines that must apply, and guidelines that must not. */
export interface GuidelineExpectation {
  matched?: string[];
  notMatched?: string[];
}

/** Where a journey must be after the turn. */
export interface JourneyExpectation {
  /** The journey's title or id. */
  name: string;
  /**
   * The state the journey must be at (its id, e.g. `covered`); without it, the journey must
   * be active.
   */
  state?: string;
  /** States the journey must have passed through on the way (e.g. a fork). */
  via?: string[];
  /** `false`: the journey must not be active. */
  active?: boolean;
}

/** Tools that must be called (with which arguments), and tools that must not. */
export interface ToolExpectation {
  called?: (string | ToolCallExpectation)[];
  notCalled?: string[];
}

/** A value, or a test of a value (TypeScript only). */
export type ValueMatcher = unknown | RegExp | ((value: unknown) => boolean);

/** A tool call that must have run. */
export interface ToolCallExpectation {
  /** The tool's name (e.g. `start_return`). */
  tool: string;
  /**
   * The arguments: by default the call must have at least these (other arguments may be
   * there too); with `exact`, exactly these. In TypeScript a value may be a `RegExp` (for
   * strings) or a test, and `arguments` itself may be a test of all of them.
   */
  arguments?: Record<string, ValueMatcher> | ((args: Record<string, unknown>) => boolean);
  /** The call's arguments must be exactly `arguments`. */
  exact?: boolean;
}

/** What the agent's reply (its last message of the turn) must say, or how it was composed. */
export interface ReplyExpectation {
  /** Phrases the reply must contain (case-insensitive). */
  contains?: string[];
  /** Phrases the reply must not contain (case-insensitive). */
  notContains?: string[];
  /** A pattern the reply must match: a `RegExp`, or `/source/flags` / a plain pattern in YAML. */
  matches?: string | RegExp;
  /** An approved template was sent: `true` for any, or the canned response's id. */
  template?: boolean | string;
  /** The reply was composed in strict mode (only approved wording, or the no-match reply). */
  strict?: boolean;
  /** A judge checks the reply against this criterion, e.g. "apologizes and promises no refund". */
  judge?: string;
}

/** How the session must stand after the turn. */
export interface SessionExpectation {
  /** Handed to a human (the session is in manual mode), or not. */
  handedOff?: boolean;
  /** The agent the session was transferred to (its id). */
  transferredTo?: string;
  /** Context variables that must hold these values (others may be set too). */
  variables?: Record<string, unknown>;
}

/** A customer played by a model (task `simulated-customer`). */
export interface SimulatedCustomer {
  /** Who they are and how they write. */
  persona: string;
  /** What they want from the conversation; the run ends when they say it is reached. */
  goal: string;
  /** What they know and may say when asked (an order number, a serial number…). */
  knows?: string[];
  /** What they do not know (so they never make it up). */
  doesNotKnow?: string[];
  /** The customer's first message; the simulator writes it when absent. */
  opening?: string;
  /** The most customer messages before the run ends as `turn-limit` (default 8). */
  maxTurns?: number;
  /**
   * Whether the run must end with the customer reaching their goal (default `true`). `false`
   * for a request the policy must refuse: `success` and `judge` decide alone.
   */
  expectGoal?: boolean;
}
