import type { Guideline } from '../domain/guideline.js';
import type { JourneyPosition } from '../domain/session-state.js';
import type { JourneyDecision } from '../domain/turn-record.js';
import { advancePosition, startPosition } from '../journeys/journey-position.js';
import { inJourneyScope, journeyStateRef } from '../journeys/journey-scope.js';
import type { RelationshipResolution } from '../relationships/types.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import { nowIso } from '../util/time.js';
import { triggerJourneyId } from './journey-entities.js';
import type { JourneyEntry } from './journey-entry.js';
import { firstMoveOf, furthestMove } from './journey-first-moves.js';
import { loadJourneyEntries } from './journey-load.js';
import { JourneyNesting } from './journey-nesting.js';
import { dropOffStateGuidelines } from './journey-state-guidelines.js';
import type { JourneyStepper } from './journey-stepper.js';
import { runJourneySteps } from './journey-steps.js';
import { triggerCandidatesFor } from './journey-trigger-forms.js';
import type { MatchOutcome } from './match-stage.js';
import type { MatchingStrategy } from './matching-strategy.js';
import type { JourneyToolStep } from './tool-offer.js';
import type { ActiveJourneyView, TurnContext } from './turn-context.js';
import type { TurnRecorder } from './turn-recorder.js';

/**
 * Everything a turn does with journeys (docs/architecture.md#domain-model and #the-turn):
 * reconciles stored positions with the journeys as they are now, offers triggers of inactive
 * journeys to the matching wave, runs one step per active journey in that same wave, applies
 * relationships, runs tool states in the tool round and advances after them without a model call,
 * and hands back the positions to save and the ids for `ready`. Every decision lands in the
 * decision record.
 */
export class JourneyTurn {
  readonly #entries: Map<string, JourneyEntry>;
  readonly #nesting: JourneyNesting;
  #waves = 0;
  /** First moves whose condition held in this wave, by journey: applied when it starts. */
  readonly #firstMoves = new Map<
    string,
    { move: number; decidedBy: string; why: string | null }[]
  >();
  /** A tool state's tools ran and its journey moved on: positions must survive a failure. */
  #toolStateRan = false;

  constructor(
    readonly context: TurnContext,
    readonly recorder: TurnRecorder,
    readonly stepper: JourneyStepper | undefined,
  ) {
    this.#entries = loadJourneyEntries(context, recorder, () => this.stamp());
    this.#nesting = new JourneyNesting({
      entries: this.#entries,
      record: (decision) => this.#record(decision),
      note: (text) => recorder.note(text),
      start: (entry, decidedBy, reason) => this.#start(entry, decidedBy, reason),
      landed: (entry) => this.#landed(entry),
      stamp: () => this.stamp(),
    });
    this.#nesting.resume();
  }

  /** Whether a journey-scoped guideline is a candidate: its journey (state) is active now. */
  readonly inScope = (guideline: Pick<Guideline, 'tags'>): boolean =>
    inJourneyScope(guideline.tags, (id) => this.#entries.get(id)?.state?.id);

  /**
   * The journeys the session is in and the state each is at right now (before this turn's
   * steps, that is where the session stood when the customer wrote).
   */
  current(): ActiveJourneyView[] {
    return [...this.#entries.values()].flatMap((entry) =>
      entry.state !== undefined && !entry.held
        ? [{ journey: entry.journey, state: entry.state }]
        : [],
    );
  }

  /**
   * Synthetic candidates for the triggers of journeys not active now (first wave only), each
   * shaped to ride a batch one of `strategies` sends for the real `candidates` anyway.
   * `absorbTriggers` takes their verdicts back out.
   */
  triggerCandidates(
    candidates: readonly Guideline[],
    strategies: readonly MatchingStrategy[],
  ): Guideline[] {
    if (this.#waves > 0) return [];
    return triggerCandidatesFor(this.#entries.values(), candidates, strategies, this.context);
  }

  /**
   * Runs the step of every journey that needs one, in parallel: in the first wave every active
   * journey (except one waiting for a nested journey, or one started this turn), later only
   * those left at a fork.
   */
  async step(): Promise<void> {
    const first = this.#waves === 0;
    this.#waves += 1;
    const due = [...this.#entries.values()].filter((entry) => {
      const state = entry.state;
      if (state === undefined || entry.held) return false;
      if (!first || entry.pendingStep) return entry.pendingStep;
      return state.type !== 'journey' && !entry.startedNow;
    });
    for (const entry of due) entry.pendingStep = false;
    const decisions = await runJourneySteps(due, this.context, this.stepper, this.stamp());
    for (const decision of decisions) {
      this.#record(decision);
      if (decision.action === 'advanced' || decision.action === 'backtracked')
        this.#landed(this.#entries.get(decision.journeyId) as JourneyEntry);
    }
    this.#settle();
  }

  /**
   * Takes the trigger verdicts out of a matching outcome (they are journey verdicts, not
   * guideline ones), records them, and starts the journeys whose trigger holds.
   */
  absorbTriggers(outcome: MatchOutcome): MatchOutcome {
    const verdicts = [];
    const triggered = new Set<string>();
    const rest = [];
    // First-move verdicts first: a journey that starts below moves on by them at once.
    for (const verdict of outcome.verdicts) {
      const first = firstMoveOf(verdict.entity.id, this.#entries);
      if (first === undefined) rest.push(verdict);
      else if (verdict.matched === true) {
        const held = this.#firstMoves.get(first.journeyId) ?? [];
        held.push({ move: first.move, decidedBy: verdict.strategy, why: verdict.rationale });
        this.#firstMoves.set(first.journeyId, held);
      }
    }
    for (const verdict of rest) {
      const journeyId = triggerJourneyId(verdict.entity.id, this.#entries);
      if (journeyId === undefined) {
        verdicts.push(verdict);
        continue;
      }
      verdicts.push({ ...verdict, entity: { type: 'journey' as const, id: journeyId } });
      if (verdict.matched === true && !triggered.has(journeyId)) {
        triggered.add(journeyId);
        const entry = this.#entries.get(journeyId) as JourneyEntry;
        this.#start(entry, verdict.strategy, `trigger holds: ${verdict.rationale ?? 'matched'}`);
      }
    }
    this.#firstMoves.clear();
    const matched = new Map(
      [...outcome.matched].filter(
        ([id]) =>
          triggerJourneyId(id, this.#entries) === undefined &&
          firstMoveOf(id, this.#entries) === undefined,
      ),
    );
    this.#settle();
    return { matched, verdicts };
  }

  /** Runs extra step waves for journeys left at a fork, bounded by the agent's iterations. */
  async stepPending(): Promise<void> {
    while (this.#pending() && this.#waves < this.context.agent.maxEngineIterations)
      await this.step();
    if (this.#pending())
      this.recorder.note(
        'A journey waits at a fork: the iteration limit was reached; the next turn decides',
      );
  }

  /** Journeys active for relationship resolution: active ones, and those completed this turn. */
  activeIds(): string[] {
    return [...this.#entries.values()]
      .filter((entry) => !entry.held && (entry.active || entry.completedNow))
      .map((entry) => entry.journey.id);
  }

  /**
   * Applies the resolver's verdict on journeys (dropped ones are held or not started; entailed
   * ones start), drops guidelines scoped to a journey state that is no longer current, and
   * publishes the active journeys on the turn context.
   */
  applyResolution(resolution: RelationshipResolution): RelationshipResolution {
    const final = new Set(resolution.journeyIds);
    for (const id of this.activeIds()) {
      const entry = this.#entries.get(id) as JourneyEntry;
      if (final.has(id)) continue;
      if (entry.startedNow) {
        // Undo the start without `move`, which would count a restored `completed` position as
        // completed again this turn.
        const started = entry.state?.id ?? null;
        entry.startedNow = false;
        entry.position = entry.beforeStart;
        this.#record({
          journeyId: id,
          action: 'held',
          from: started,
          to: null,
          via: [],
          decidedBy: 'relationships',
          reason: 'its activation was dropped by a relationship (see the resolution reasons)',
        });
      } else if (!entry.held) {
        entry.held = true;
        this.#record({
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
        this.#start(entry, 'entails', 'entailed by a relationship');
    }
    this.#settle();
    const { kept, reasons } = dropOffStateGuidelines(
      this.context.guidelines,
      resolution.guidelineIds,
      this.inScope,
    );
    this.#publish();
    return { ...resolution, guidelineIds: kept, reasons: [...resolution.reasons, ...reasons] };
  }

  /** The journeys at a tool state: the flow requires its tools in the tool round. */
  toolSteps(): JourneyToolStep[] {
    return [...this.#entries.values()].flatMap((entry) => {
      const state = entry.state;
      return state?.type === 'tool' && !entry.held ? [{ journey: entry.journey, state }] : [];
    });
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
      this.#record(
        entry.move(
          advancePosition(
            position,
            { to: exit.to, via: [], requires: [] },
            entry.journey,
            this.stamp(),
          ),
          {
            action: entry.graph.state(exit.to)?.type === 'end' ? 'completed' : 'auto-advanced',
            via: [],
            decidedBy: 'engine',
            reason: `tool state ran ${state.tools.join(', ')}; followed its only exit without a model call`,
          },
        ),
      );
      this.#landed(entry);
      moved = true;
    }
    this.#settle();
    if (!moved) return false;
    this.#toolStateRan = true;
    this.#publish();
    return [...this.#entries.values()].some(
      (e) => !e.held && (e.pendingStep || e.state?.type === 'tool'),
    );
  }

  /** Positions that changed this turn, by journey id (merged into the session's state). */
  positions(): Record<string, JourneyPosition> {
    const changed: Record<string, JourneyPosition> = {};
    for (const entry of this.#entries.values()) {
      if (entry.changed && entry.position !== undefined) changed[entry.journey.id] = entry.position;
    }
    return changed;
  }

  /**
   * Positions a turn that failed or was cancelled must still save: once a tool state ran, its
   * tool events are in the history, and going back would run the tools again. `undefined`
   * when no tool state ran (the next turn redoes the rest from the same messages).
   */
  keptOnFailure(): Record<string, JourneyPosition> | undefined {
    return this.#toolStateRan ? this.positions() : undefined;
  }

  /** Journeys and states for `ready` and the decision record (`<journeyId>:<stateId>`). */
  ready(): { journeys: string[]; states: string[] } {
    const entries = [...this.#entries.values()].filter(
      (e) => !e.held && (e.active || e.completedNow),
    );
    return {
      journeys: entries.map((entry) => entry.journey.id),
      states: entries.flatMap((entry) => {
        const stateId = entry.state?.id ?? entry.position?.path.at(-1);
        return stateId === undefined ? [] : [journeyStateRef(entry.journey.id, stateId)];
      }),
    };
  }

  stamp() {
    return { traceId: this.context.traceId, now: nowIso() };
  }

  #pending(): boolean {
    return [...this.#entries.values()].some((entry) => entry.pendingStep && !entry.held);
  }

  #record(decision: JourneyDecision): void {
    this.recorder.record.journeys.push(decision);
  }

  #start(entry: JourneyEntry, decidedBy: string, reason: string): void {
    if (entry.active) return;
    const restarted = entry.position !== undefined;
    entry.beforeStart = entry.position;
    entry.startedNow = true;
    entry.held = false;
    this.#record(
      entry.move(startPosition(entry.journey, this.stamp()), {
        action: restarted ? 'restarted' : 'activated',
        via: [],
        decidedBy,
        reason,
      }),
    );
    this.#landed(entry);
    this.#takeFirstMove(entry);
  }

  /**
   * Moves a journey that just started on past its first step when the same wave found the
   * customer's message already did it (see `journey-first-moves.ts`).
   */
  #takeFirstMove(entry: JourneyEntry): void {
    const held = this.#firstMoves.get(entry.journey.id);
    this.#firstMoves.delete(entry.journey.id);
    const position = entry.position;
    if (held === undefined || position === undefined) return;
    if (entry.state?.id !== entry.journey.initialStateId) return;
    const best = furthestMove(
      entry,
      held.map((h) => h.move),
    );
    const verdict = held.find((h) => h.move === best?.index);
    if (best === undefined || verdict === undefined) return;
    const next = advancePosition(position, best.move, entry.journey, this.stamp());
    this.#record(
      entry.move(next, {
        action: next.outcome === 'completed' ? 'completed' : 'advanced',
        via: [...best.move.via],
        decidedBy: verdict.decidedBy,
        reason: `the customer's message already did the first step: ${verdict.why ?? 'matched'}`,
      }),
    );
    if (next.outcome !== 'completed') this.#landed(entry);
  }

  /** What landing on a state implies without a model: a fork waits for a step, a nested-journey
   * state starts that journey. */
  #landed(entry: JourneyEntry): void {
    if (entry.state?.type === 'fork') entry.pendingStep = true;
    this.#nesting.landed(entry);
  }

  #settle(): void {
    this.#nesting.settle();
  }

  /** Publishes the journeys that guide this reply, with their states, on the turn context. */
  #publish(): void {
    this.context.activeJourneys = this.current();
  }
}
