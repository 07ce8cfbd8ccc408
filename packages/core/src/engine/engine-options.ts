import type { CannedOptions } from '../canned/canned-options.js';
import type { AgentAccessMode } from '../errors/errors.js';
import type { GroundingOptions } from '../grounding/grounding-options.js';
import type { RetrieverRegistry } from '../grounding/retriever-registry.js';
import type { Embedder, LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { CandidateFilter } from './candidate-filter.js';
import type { Composer } from './composer.js';
import type { TimeZoneOption } from './current-time.js';
import type { GuidelineClassifier } from './guideline-classifier.js';
import type { EngineHooks } from './hooks.js';
import type { JourneyStepper } from './journey-stepper.js';
import type { MatchingStrategy } from './matching-strategy.js';
import type { PreamblePolicy } from './preamble.js';
import type { ResponseAnalyzer } from './response-analysis.js';
import type { TurnReport } from './turn-report.js';
import type { UnevaluatedOptions } from './unevaluated-policy.js';

/**
 * What to do at start with a turn a crash left unfinished (see
 * `Engine.recoverUnfinishedTurns`): `resume` runs it again, `mark` closes it with an `error`
 * status saying it was interrupted.
 */
export type UnfinishedTurnPolicy = 'resume' | 'mark';

/** An agent out of service, and why (see {@link EngineDependencies.agentAccess}). */
export interface AgentAccess {
  /** `read-only`: its sessions stay readable; `disabled`: not served at all. */
  mode: AgentAccessMode;
  /** Why, for people: "its agent module is not loaded". */
  reason: string;
}

/** Everything the engine is given; nothing is looked up globally. */
export interface EngineDependencies {
  store: ConductStore;
  /** Usually a router (`createModelRouter`) so each task can use its own model. */
  model: LanguageModel;
  /** Matching strategies in order of preference (see `MatchingStrategy.handles`). */
  strategies: readonly MatchingStrategy[];
  tools: ToolRegistry;
  /**
   * Ranks glossary terms and capabilities by meaning, not only by the words they share with the
   * conversation. Default: none (words only; no embedding call per turn).
   */
  embedder?: Embedder;
  /** Retrievers attached to agents, guidelines and journeys. Default: none. */
  retrievers?: RetrieverRegistry;
  /** Tuning of glossary, capability and variable grounding and of retriever timeouts. */
  grounding?: GroundingOptions;
  /** Narrows candidates before matching (relevance pre-filter). Default: keep all. */
  candidateFilter?: CandidateFilter;
  /**
   * What to do when guidelines could not be evaluated (their matching call failed). Default:
   * low- and medium-criticality ones count as not matched; an unevaluated `high`-criticality one
   * fails the turn (`{ onHighCriticality: 'fail' }`) — except in the re-match after a tool ran,
   * where the turn goes on so its reply still reports what the tool did. Every one is listed in
   * the record's errors.
   */
  unevaluated?: UnevaluatedOptions;
  /**
   * Writes every reply, whatever the composition mode. Default: chosen per turn from the
   * composition mode (fluid, or a canned-response composer; see docs/canned-responses.md).
   */
  composer?: Composer;
  /** Canned-response composition: no-match reply, candidate limit, strict selection style. */
  canned?: CannedOptions;
  /** Default: assume the reply applied every matched tracked guideline. */
  responseAnalyzer?: ResponseAnalyzer;
  /**
   * Decides each active journey's next step, in the matching wave (usually `defaultMatchers()`
   * from `@conduct/matchers`). Default: none — journeys still start, run their tool states and
   * follow them, but stay at chat steps and forks (each turn records why).
   */
  journeyStepper?: JourneyStepper;
  /**
   * Derives the routing facts of guidelines (usually `defaultMatchers()` from
   * `@conduct/matchers`). With one, the agent's new and changed guidelines are classified after
   * a turn, off the critical path (and `await turn` covers it). Default: none — guidelines are
   * routed without those facts unless their author set them.
   */
  guidelineClassifier?: GuidelineClassifier;
  hooks?: EngineHooks;
  /**
   * The clock turns read the current time from; every task's prompt shows it (`current-time`),
   * and variable freshness uses it unless `grounding.now` is set. Default: the system clock.
   */
  clock?: () => Date;
  /**
   * Time zone (IANA name) prompts show the current time in, or a function of the turn's agent
   * and customer. A customer's `timeZone` metadata, when it is a valid zone, wins. Default UTC.
   */
  timeZone?: TimeZoneOption;
  /** Default: no preamble. */
  preamble?: PreamblePolicy;
  /** Token budget of the conversation shown in tool-call prompts. Default 4000. */
  toolHistoryBudgetTokens?: number;
  /**
   * Timeout of a model call that sets none, in ms. Default 60 000. A router's per-task deadlines
   * (`createModelRouter({ timeouts })`, with built-in defaults) replace it for their tasks.
   */
  modelTimeoutMs?: number;
  /** Default per-call tool timeout in ms (a tool's own timeout wins). Default 15 000. */
  toolTimeoutMs?: number;
  /** How many recent turns' matches the session remembers (for the pre-filter). Default 3. */
  recentTurnsRemembered?: number;
  /** Default mode of `Engine.recoverUnfinishedTurns`. Default `resume`. */
  unfinishedTurns?: UnfinishedTurnPolicy;
  /**
   * `Engine.recoverUnfinishedTurns` marks, never resumes, a turn whose customer message is older
   * than this many ms (`Infinity`: resume any). Default 24 hours.
   */
  unfinishedTurnsMaxAgeMs?: number;
  /** How many unfinished turns `Engine.recoverUnfinishedTurns` runs at once. Default 4. */
  unfinishedTurnsConcurrency?: number;
  /**
   * Called once per turn that ran, when it is over — its after-reply work included: how it
   * ended and its decision record (session, agent, matched guidelines, model calls, timings,
   * errors). For a log line per turn; what it throws goes to `onError`. Turns that never ran
   * (superseded, manual mode) are not reported.
   */
  onTurnEnd?: (report: TurnReport) => void;
  /**
   * Receives errors that escaped a turn (a failing store, a bug), failures of the work after it
   * (guideline classification) and configuration problems a turn met (a guideline naming a tool
   * nothing registered: `UnknownToolError`, a `ConfigurationError`). Default: `console.error`.
   */
  onError?: (error: unknown, context: { sessionId: string }) => void;
  /**
   * Whether an agent is out of service: `undefined` to serve it (the default for every agent),
   * or why not. Customer messages and `respond` for its sessions are then refused with
   * `AgentUnavailableError` before anything is stored, and turns a crash left unfinished are
   * marked instead of resumed. Asked at each message, so it may change while running.
   */
  agentAccess?: (agentId: string) => AgentAccess | undefined;
}
