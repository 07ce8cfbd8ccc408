import type { Guideline } from '../domain/guideline.js';
import type { JourneyPosition } from '../domain/session-state.js';
import type { JourneyStepper } from '../engine/journey-stepper.js';
import type { MatchOutcome } from '../engine/match-stage.js';
import type { MatchingStrategy } from '../engine/matching-strategy.js';
import type { JourneyToolStep } from '../engine/tool-offer.js';
import type { ActiveJourneyView, TurnContext } from '../engine/turn-context.js';
import type { TurnRecorder } from '../engine/turn-recorder.js';
import type { RelationshipResolution, ResolveRelationshipsInput } from '../relationships/types.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import { nowIso } from '../util/time.js';
import type { JourneyCandidate } from './journey-candidates.js';
import type { JourneyEntry, JourneyTurnStatus } from './journey-entry.js';
import { loadJourneyEntries } from './journey-load.js';
import { JourneyMover } from './journey-mover.js';
import { advancePosition } from './journey-position.js';
import { inJourneyScope, journeyStateRef } from './journey-scope.js';
import { dropOffStateGuidelines } from './journey-state-guidelines.js';
import { runJourneySteps } from './journey-steps.js';
import { triggerCandidatesFor } from './journey-trigger-forms.js';

/** What {@link TurnJourneys} needs. */
export interface TurnJourneysOptions {
  /** The gathered turn: its journeys, the session's stored positions, the trace id. */
  context: TurnContext;
  recorder: TurnRecorder;
  /** Moves active journeys; without one they start but never move past a chat step or a fork. */
  stepper: JourneyStepper | undefined;
}

/** One matching wave, as {@link TurnJourneys.matchingWave} runs it. */
export interface MatchingWave {
  /** The stage the parallel part (guideline matching and journey steps) is timed as. */
  stage: string;
  /** The real guideline candidates of this wave. */
  candidates: readonly Guideline[];
  /** The strategies that will evaluate them (triggers ride a batch one of them sends anyway). */
  strategies: readonly MatchingStrategy[];
  /**
   * Guideline matching (`matchGuidelines`), run over `candidates` plus the journeys' synthetic
   * candidates.
   */
  match: (
    candidates: readonly Guideline[],
    strategies: readonly MatchingStrategy[],
    context: TurnContext,
  ) => Promise<MatchOutcome>;
}

/** One resolution of relationships, as {@link TurnJourneys.resolve} runs it. */
export interface JourneyResolutionInput {
  /** The guidelines matched so far this turn, in match order. */
  matchedGuidelineIds: readonly string[];
  /** Relationship resolution (`resolveRelationships`), given the turn's journeys. */
  resolver: (input: ResolveRelationshipsInput) => RelationshipResolution;
}

/** What journeys contribute to one resolution of relationships. */
export interface JourneyResolution {
  /** The resolution, minus guidelines scoped to a journey state that is no longer current. */
  resolution: RelationshipResolution;
  /** The journeys at a tool state: the flow requires its tools in the tool round. */
  toolSteps: JourneyToolStep[];
}

/** What journeys leave behind when the turn ends. */
export interface JourneyTurnResult {
  /** Journeys and states for `ready` and the decision record (`<journeyId>:<stateId>`). */
  ready: { journeys: string[]; states: string[] };
  /** Positions that changed this turn, by journey id (merged into the session's state). */
  positions: Record<string, JourneyPosition>;
  /**
   * Positions a turn that failed or was cancelled must still save: once a tool state ran, its
   * tool events are in the history, and going back would run the tools again. `undefined`
   * when no tool state ran (the next turn redoes the rest from the same messages).
   */
  keptOnFailure: Record<string, JourneyPosition> | undefined;
}

/**
 * Everything a turn does with journeys (docs/journeys.md), behind one call per stage of the
 * turn: built once the turn is gathered (stored positions reconciled with the journeys as they
 * are now), {@link matchingWave} (triggers of inactive journeys ride the guideline batches, and
 * one step per active journey runs in the same wave), {@link resolve} (relationships may hold or
 * start journeys), {@link afterTools} (a tool state whose tools ran moves on without a model
 * call), and {@link result}. Each journey has one {@link JourneyTurnStatus} for the turn, and
 * every decision lands in the decision record.
 */
export class TurnJourneys {
  readonly #context: TurnContext;
  readonly #recorder: TurnRecorder;
  readonly #stepper: JourneyStepper | undefined;
  readonly #entries: ReadonlyMap<string, JourneyEntry>;
  readonly #mover: JourneyMover;
  #waves = 0;
  /** A tool state's tools ran and its journey moved on: positions must survive a failure. */
  #toolStateRan = false;
  /** The journeys the session is in and the state each was at when the turn started. */
  readonly atStart: readonly ActiveJourneyView[];

  constructor({ context, recorder, stepper }: TurnJourneysOptions) {
    this.#context = context;
    this.#recorder = recorder;
    this.#stepper = stepper;
    this.#entries = loadJourneyEntries(context, recorder, () => ({
      traceId: context.traceId,
      now: nowIso(),
    }));
    this.#mover = new JourneyMover(this.#entries, recorder, context.traceId);
    this.#mover.resumeNesting();
    this.atStart = this.#current();
  }

  /** Whether a journey-scoped guideline is a candidate: its journey (state) is active now. */
  readonly inScope = (guideline: Pick<Guideline, 'tags'>): boolean =>
    inJourneyScope(guideline.tags, (id) => this.#entries.get(id)?.state?.id);

  /** What the turn has done with a journey so far (`undefined` for one not in the turn). */
  status(journeyId: string): JourneyTurnStatus | undefined {
    return this.#entries.get(journeyId)?.status;
  }

  /**
   * Runs one matching wave: `match` gets the candidates plus, in the first wave, the triggers
   * (and first moves) of inactive journeys as synthetic candidates, while the step of every
   * journey that needs one runs in parallel; then the synthetic verdicts are taken back out
   * (trigger verdicts are recorded as journey verdicts, and start their journeys), and journeys
   * left at a fork get extra steps (bounded by the agent's iterations). Returns the outcome for
   * the real candidates only.
   */
  async matchingWave(wave: MatchingWave): Promise<MatchOutcome> {
    const offered = this.#offer(wave.candidates, wave.strategies);
    const [outcome] = await this.#recorder.stage(wave.stage, () =>
      Promise.all([
        wave.match(
          [...wave.candidates, ...[...offered.values()].map((c) => c.guideline)],
          wave.strategies,
          this.#context,
        ),
        this.#step(),
      ]),
    );
    const real = this.#absorb(outcome, offered);
    await this.#stepPending();
    return real;
  }

  /**
   * Resolves relationships for the matched guidelines and the journeys active for resolution
   * (active ones, and those completed this turn), then applies the verdict on journeys (dropped
   * ones are held, or not started after all; entailed ones start), drops guidelines scoped to a
   * journey state that is no longer current, and publishes the journeys that guide the reply on
   * the turn context.
   */
  resolve(input: JourneyResolutionInput): JourneyResolution {
    const context = this.#context;
    const resolving = this.#resolvingIds();
    const resolution = input.resolver({
      matchedGuidelineIds: input.matchedGuidelineIds,
      activeJourneyIds: resolving,
      guidelines: context.guidelines,
      journeys: context.journeys,
      relationships: context.relationships,
    });
    const final = new Set(resolution.journeyIds);
    for (const id of resolving) {
      const entry = this.#entries.get(id) as JourneyEntry;
      if (final.has(id)) continue;
      if (entry.startedNow) {
        const started = entry.state?.id ?? null;
        entry.undoStart();
        this.#mover.record({
          journeyId: id,
          action: 'held',
          from: started,
          to: null,
          via: [],
          decidedBy: 'relationships',
          reason: 'its activation was dropped by a relationship (see the resolution reasons)',
        });
      } else if (!entry.held) {
        entry.hold();
        this.#mover.record({
          journeyId: id,
          action: 'held',
          from: entry.state?.id ?? null,
          to: entry.state?.id ?? null,
          via: [],
          decidedBy: 'relationships',
          reason: 'dropped by a relationship this turn; its position is kept',
        });
      }
    }
    for (const id of final) {
      const entry = this.#entries.get(id);
      if (entry !== undefined && !entry.active && !entry.completedNow)
        this.#mover.start(entry, 'entails', 'entailed by a relationship');
    }
    this.#mover.settleNesting();
    const { kept, reasons } = dropOffStateGuidelines(
      this.#context.guidelines,
      resolution.guidelineIds,
      this.inScope,
    );
    this.#publish();
    return {
      resolution: {
        ...resolution,
        guidelineIds: kept,
        reasons: [...resolution.reasons, ...reasons],
      },
      toolSteps: this.#toolSteps(),
    };
  }

  /**
   * After a tool round: every journey at a tool state whose tools all succeeded this turn
   * moves along its one unconditional exit, with no model call. Returns whether a journey now
   * needs more work this turn (another tool state, or a fork to decide).
   */
  afterTools(outcomes: readonly ToolCallOutcome[]): boolean {
    let moved = false;
    for (const entry of this.#entries.values()) {
      const state = entry.state;
      if (state?.type !== 'tool' || entry.held) continue;
      const ok = state.tools.every((ref) =>
        outcomes.some((o) => o.tool === ref && o.status === 'succeeded'),
      );
      if (!ok) continue;
      const exit = entry.graph.exits(state.id)[0];
      if (exit === undefined) continue;
      const position = entry.position as JourneyPosition;
      const next = { to: exit.to, via: [], requires: [] };
      this.#mover.record(
        entry.move(advancePosition(position, next, entry.journey, this.#mover.stamp()), {
          action: entry.graph.state(exit.to)?.type === 'end' ? 'completed' : 'auto-advanced',
          via: [],
          decidedBy: 'engine',
          reason: `tool state ran ${state.tools.join(', ')}; followed its only exit without a model call`,
        }),
      );
      this.#mover.landed(entry);
      moved = true;
    }
    this.#mover.settleNesting();
    if (!moved) return false;
    this.#toolStateRan = true;
    this.#publish();
    return [...this.#entries.values()].some(
      (e) => !e.held && (this.#mover.awaitsStep(e) || e.state?.type === 'tool'),
    );
  }

  /** What the turn's journeys leave behind: for `ready`, for the session, for a failure. */
  result(): JourneyTurnResult {
    const entries = [...this.#entries.values()].filter(
      (e) => !e.held && (e.active || e.completedNow),
    );
    const positions: Record<string, JourneyPosition> = {};
    for (const entry of this.#entries.values()) {
      if (entry.changed && entry.position !== undefined)
        positions[entry.journey.id] = entry.position;
    }
    return {
      ready: {
        journeys: entries.map((entry) => entry.journey.id),
        states: entries.flatMap((entry) => {
          const stateId = entry.state?.id ?? entry.position?.path.at(-1);
          return stateId === undefined ? [] : [journeyStateRef(entry.journey.id, stateId)];
        }),
      },
      positions,
      keptOnFailure: this.#toolStateRan ? positions : undefined,
    };
  }

  /** The journeys the session is in and the state each is at right now (not held). */
  #current(): ActiveJourneyView[] {
    return [...this.#entries.values()].flatMap((entry) =>
      entry.state !== undefined && !entry.held
        ? [{ journey: entry.journey, state: entry.state }]
        : [],
    );
  }

  /**
   * The synthetic candidates for the triggers (and first moves) of journeys not active now, by
   * candidate id: first wave only, each shaped to ride a batch one of `strategies` sends for
   * the real `candidates` anyway.
   */
  #offer(
    candidates: readonly Guideline[],
    strategies: readonly MatchingStrategy[],
  ): Map<string, JourneyCandidate> {
    if (this.#waves > 0) return new Map();
    const offered = triggerCandidatesFor(
      this.#entries.values(),
      candidates,
      strategies,
      this.#context,
    );
    return new Map(offered.map((candidate) => [candidate.guideline.id, candidate]));
  }

  /**
   * Runs the step of every journey that needs one, in parallel: in the first wave every active
   * journey (except one waiting for a nested journey, or one started this turn), later only
   * those left at a fork.
   */
  async #step(): Promise<void> {
    const first = this.#waves === 0;
    this.#waves += 1;
    const mover = this.#mover;
    const due = [...this.#entries.values()].filter((entry) => {
      const state = entry.state;
      if (state === undefined || entry.held) return false;
      if (!first || mover.awaitsStep(entry)) return mover.awaitsStep(entry);
      return state.type !== 'journey' && !entry.startedNow;
    });
    for (const entry of due) mover.stepTaken(entry);
    const decisions = await runJourneySteps(due, this.#context, this.#stepper, mover.stamp());
    for (const decision of decisions) {
      mover.record(decision);
      if (decision.action === 'advanced' || decision.action === 'backtracked')
        mover.landed(this.#entries.get(decision.journeyId) as JourneyEntry);
    }
    mover.settleNesting();
  }

  /**
   * Takes the verdicts on `offered` candidates out of a matching outcome: a first move that
   * holds waits for its journey to start; a trigger verdict is recorded as the journey's, and
   * starts the journey when it holds.
   */
  #absorb(outcome: MatchOutcome, offered: ReadonlyMap<string, JourneyCandidate>): MatchOutcome {
    if (offered.size === 0) {
      // Later waves offer no journey candidates: nothing to take out of the outcome.
      this.#mover.dropFirstMoves();
      this.#mover.settleNesting();
      return outcome;
    }
    const verdicts = [];
    const triggered = new Set<string>();
    const rest = [];
    // First-move verdicts first: a journey that starts below moves on by them at once.
    for (const verdict of outcome.verdicts) {
      const candidate = offered.get(verdict.entity.id);
      if (candidate?.kind !== 'first-move') rest.push(verdict);
      else if (verdict.matched === true) {
        this.#mover.holdFirstMove(candidate.journeyId, {
          move: candidate.move,
          decidedBy: verdict.strategy,
          why: verdict.rationale,
        });
      }
    }
    for (const verdict of rest) {
      const candidate = offered.get(verdict.entity.id);
      if (candidate === undefined) {
        verdicts.push(verdict);
        continue;
      }
      const { journeyId } = candidate;
      verdicts.push({ ...verdict, entity: { type: 'journey' as const, id: journeyId } });
      if (verdict.matched === true && !triggered.has(journeyId)) {
        triggered.add(journeyId);
        const entry = this.#entries.get(journeyId) as JourneyEntry;
        const why = `trigger holds: ${verdict.rationale ?? 'matched'}`;
        this.#mover.start(entry, verdict.strategy, why);
      }
    }
    this.#mover.dropFirstMoves();
    const matched = new Map([...outcome.matched].filter(([id]) => !offered.has(id)));
    this.#mover.settleNesting();
    return { matched, verdicts };
  }

  /** Runs extra step waves for journeys left at a fork, bounded by the agent's iterations. */
  async #stepPending(): Promise<void> {
    const limit = this.#context.agent.maxEngineIterations;
    while (this.#mover.stepsPending() && this.#waves < limit) await this.#step();
    if (this.#mover.stepsPending())
      this.#recorder.note(
        'A journey waits at a fork: the iteration limit was reached; the next turn decides',
      );
  }

  /** Journeys active for relationship resolution: active ones, and those completed this turn. */
  #resolvingIds(): string[] {
    return [...this.#entries.values()]
      .filter((entry) => !entry.held && (entry.active || entry.completedNow))
      .map((entry) => entry.journey.id);
  }

  #toolSteps(): JourneyToolStep[] {
    return [...this.#entries.values()].flatMap((entry) => {
      const state = entry.state;
      return state?.type === 'tool' && !entry.held ? [{ journey: entry.journey, state }] : [];
    });
  }

  /** Publishes the journeys that guide this reply, with their states, on the turn context. */
  #publish(): void {
    this.#context.activeJourneys = this.#current();
  }
}
