import type { ToolRef } from '../domain/common.js';
import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import type { TurnRecord } from '../domain/turn-record.js';
import { UnevaluatedGuidelinesError } from '../errors/errors.js';
import { TurnJourneys } from '../journeys/turn-journeys.js';
import { recordModelCalls } from '../model/call-recording.js';
import { loadTokenizer } from '../prompt/tokenizer.js';
import { resolveRelationships } from '../relationships/resolve-relationships.js';
import type { RelationshipResolution } from '../relationships/types.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import type { BehaviorCache } from './behavior-cache.js';
import type { MatchedGuideline } from './composer.js';
import { preambleCompositionMode, selectComposer } from './composer-selection.js';
import type { EngineDependencies } from './engine-options.js';
import { gatherTurnContext, selectCandidates } from './gather.js';
import { gatherGrounding } from './grounding-gather.js';
import { TurnRetrievers } from './grounding-retrievers.js';
import { runHooks } from './hooks.js';
import { NO_JOURNEY_STEPPER_MESSAGE } from './journey-stepper.js';
import { type MatchDetail, matchGuidelines } from './match-stage.js';
import { withDefaultTimeout } from './model-defaults.js';
import { PreambleTask } from './preamble-task.js';
import { finalReadyData } from './ready-data.js';
import { describeSubjects } from './record-subjects.js';
import { composeAndSend, sendFallbackReply } from './reply-stage.js';
import type { TurnFinish, TurnOutcome, TurnStart } from './session-runtime.js';
import { analyzeReply, saveTurnState } from './session-state-update.js';
import { type JourneyToolStep, offeredRefs } from './tool-offer.js';
import { runToolRound } from './tool-stage.js';
import { transientGuidelines } from './transient-guidelines.js';
import type { TurnContext } from './turn-context.js';
import { TurnEmitter } from './turn-emitter.js';
import { endFailedTurn } from './turn-failure.js';
import { watchForNewerMessages } from './turn-gate.js';
import { TurnRecorder } from './turn-recorder.js';
import { decideUnevaluated, recordUnanalyzed } from './unevaluated-policy.js';

/**
 * Runs one turn (docs/architecture.md#the-turn) for the session's newest customer message:
 * acknowledge, gather, match, resolve, tools (bounded iterations), compose, emit, record — then
 * leaves response analysis running in the background.
 *
 * Invariants: every turn that emitted anything ends with exactly one final `ready`, and nothing
 * of the turn is emitted after it. Model, tool, hook and store failures end the turn with
 * `error` then `ready`; a cancelled turn ends with `cancelled` then `ready`.
 *
 * `gate` is what the turn's check of the log found: the log (`history`), and from which offset
 * a customer message is newer (`watchFrom`): one that lands before the commit cancels the turn.
 */
export async function runTurn(
  deps: EngineDependencies,
  behavior: BehaviorCache,
  start: TurnStart,
  gate: { history: Event[]; watchFrom: number },
): Promise<
  TurnFinish & {
    record?: TurnRecord;
    guidelines?: readonly Guideline[];
    /** The turn had journeys in scope but the engine has no journey stepper to move them. */
    unsteppedJourneys?: true;
  }
> {
  const { history } = gate;
  const session = await deps.store.sessions.find(start.sessionId);
  // Manual mode: a human has the session, so the engine says nothing at all.
  if (session === undefined || session.mode === 'manual') {
    return { outcome: { status: 'silent', traceId: start.traceId } };
  }
  const recorder = new TurnRecorder(deps.store.turns, {
    sessionId: session.id,
    agentId: session.agentId,
    traceId: start.traceId,
  });
  const emitter = new TurnEmitter(deps.store.events, session.id, start.traceId, session.agentId);
  const stop = watchForNewerMessages(deps.store.events, start, gate.watchFrom, (error) =>
    recorder.error('watch for newer messages', error),
  );
  try {
    const turn = new Turn(deps, behavior, start, emitter, recorder, { session, history });
    const finish = await turn.run();
    // The agent's guidelines as the turn saw them (for classification after the turn).
    const guidelines = turn.guidelines;
    return {
      ...finish,
      record: recorder.record,
      ...(guidelines && { guidelines }),
      ...(turn.unsteppedJourneys && { unsteppedJourneys: true as const }),
    };
  } finally {
    stop();
  }
}

class Turn {
  readonly #matches = new Map<string, MatchDetail>();
  #resolution: RelationshipResolution | undefined;
  #journeys: TurnJourneys | undefined;
  /** Journeys at a tool state after the latest resolution. */
  #journeyToolSteps: JourneyToolStep[] = [];
  #context: TurnContext | undefined;
  #preamble: PreambleTask | undefined;
  #retrievers: TurnRetrievers | undefined;
  #readySent = false;

  constructor(
    readonly deps: EngineDependencies,
    readonly behavior: BehaviorCache,
    readonly start: TurnStart,
    readonly emitter: TurnEmitter,
    readonly recorder: TurnRecorder,
    /** The session and its log as the turn found them once it held the session. */
    readonly loaded: { session: Session; history: Event[] },
  ) {}

  /** Whether the turn gathered journeys that no journey stepper can move. */
  get unsteppedJourneys(): boolean {
    return (this.#context?.journeys.length ?? 0) > 0 && this.deps.journeyStepper === undefined;
  }

  /** The guidelines the agent can see, once the turn has gathered them. */
  get guidelines(): readonly Guideline[] | undefined {
    return this.#context?.guidelines;
  }

  async run(): Promise<TurnFinish> {
    try {
      return await this.#run();
    } catch (error) {
      await this.#preamble?.settle();
      return { outcome: await this.#fail(error) };
    }
  }

  async #run(): Promise<TurnFinish> {
    const { deps, start, emitter, recorder } = this;
    await emitter.status('acknowledged', {});
    const model = recordModelCalls(
      withDefaultTimeout(deps.model, deps.modelTimeoutMs ?? 60_000),
      (call) => recorder.modelCall(call),
    );
    const retrievers = new TurnRetrievers(deps, recorder);
    this.#retrievers = retrievers;
    const context = await recorder.stage('gather', async () => {
      const [gathered, session] = await Promise.all([
        gatherTurnContext(
          deps.store,
          this.behavior,
          this.loaded,
          { traceId: start.traceId, signal: start.signal, model },
          // Agent retrievers start first: they run alongside everything until composing.
          (source) => {
            retrievers.startForAgent(source);
            return gatherGrounding(deps, source, recorder);
          },
          { clock: deps.clock, timeZone: deps.timeZone },
        ),
        // The previous turn's response analysis updates the session; wait for it here, in
        // parallel with gathering, not before acknowledging — and read the session again only
        // if it was still running when the turn read it.
        start.previousSettled
          ? this.loaded.session
          : start.previous.then(() => deps.store.sessions.get(start.sessionId)),
        loadTokenizer(),
      ]);
      return { ...gathered, session };
    });
    this.#context = context;
    // Journeys stored over the API (or before) start but never move without a stepper.
    if (this.unsteppedJourneys) recorder.note(NO_JOURNEY_STEPPER_MESSAGE);
    recorder.describeWith((record) => describeSubjects(record, context));
    this.#journeys = new TurnJourneys({ context, recorder, stepper: deps.journeyStepper });
    emitter.speakAs(context.agent);
    if ((await runHooks(deps.hooks?.acknowledged, context, undefined)) === 'bail') {
      return this.#end([], 'acknowledged');
    }
    await emitter.status('processing', { stage: 'Interpreting' });

    const candidates = await recorder.stage('select', () => this.#selectCandidates(context));
    if (deps.preamble?.(context, candidates)) {
      const journeys = [...(this.#journeys?.atStart ?? [])];
      const mode = preambleCompositionMode(context.agent, candidates, journeys);
      // The preamble's own view of the journeys: where the session stood when the customer wrote.
      const view = { ...context, activeJourneys: journeys };
      this.#preamble = new PreambleTask(view, emitter, recorder, mode);
    }
    const first = await this.#match(context, candidates, 'match');
    if (first !== undefined) return this.#fallback(context, first.fallback, []);
    let matched = await this.#matched(context);
    if (matched === 'bail') return this.#end([], 'matched');
    retrievers.startForMatched(context, matched);

    const ran = new Set<ToolRef>();
    const outcomes: ToolCallOutcome[] = [];
    for (;;) {
      // Journey tool states take part in the tool round next to guidelines with tools.
      const reasons = { guidelines: matched, journeySteps: this.#journeyToolSteps };
      if (!offeredRefs(reasons).some((ref) => !ran.has(ref))) break;
      const round = await recorder.stage(`tools-${context.iteration}`, () =>
        runToolRound({
          deps,
          context,
          reasons,
          alreadyRan: ran,
          emitter,
          recorder,
          commit: start.commit,
        }),
      );
      if (round === undefined) break;
      if (round.hook === 'bail') return this.#end(matched, 'toolsInferred');
      for (const ref of round.ran) ran.add(ref);
      outcomes.push(...round.outcomes);
      const recheckIds = new Set(
        round.ran.flatMap((ref) => this.#resolution?.reevaluateAfterTools[ref] ?? []),
      );
      // After a tool state ran, its journey moves on with no model call; another tool state or
      // a fork to decide needs one more (bounded) iteration.
      const journeyWork = this.#journeys?.afterTools(outcomes) ?? false;
      if (
        (recheckIds.size === 0 && !journeyWork) ||
        context.iteration + 1 >= context.agent.maxEngineIterations
      )
        break;
      context.iteration += 1;
      const rematch = await this.#match(
        context,
        candidates.filter((g) => recheckIds.has(g.id)),
        `match-${context.iteration}`,
        ran.size > 0,
      );
      if (rematch !== undefined) return this.#fallback(context, rematch.fallback, outcomes);
      const rematched = await this.#matched(context);
      if (rematched === 'bail') return this.#end([], 'matched');
      matched = rematched;
    }

    // The reply must know the preamble the customer already saw; one still being generated
    // now is dropped (never sent), so the composer is never told of a preamble that did not go
    // out, nor does one go out while it composes.
    const preamble = await this.#preamble?.settle();
    if (preamble !== undefined) context.preamble = preamble;
    const retrieved = await recorder.stage('retrievers', () =>
      retrievers.settle(context, matched as Guideline[]),
    );
    context.grounding = { ...context.grounding, retrieved };
    if ((await runHooks(deps.hooks?.beforeCompose, context, { guidelines: matched })) === 'bail') {
      return this.#end(matched, 'beforeCompose', outcomes);
    }
    const composer =
      deps.composer ?? (await selectComposer(deps, context, matched as Guideline[], recorder));
    const reply = await recorder.stage('compose', () =>
      composeAndSend({
        deps,
        composer,
        context,
        guidelines: [
          ...this.#withRationales(matched as Guideline[]),
          ...transientGuidelines(outcomes, context.agent.id),
        ],
        emitter,
        recorder,
        commit: start.commit,
      }),
    );
    if (reply === undefined) return this.#end(matched, 'draft', outcomes);
    const finish = await this.#end(matched, undefined, outcomes, reply.event?.id);
    if (reply.event !== undefined) {
      const payload = { eventId: reply.event.id, text: reply.text };
      await runHooks(deps.hooks?.message, context, payload).catch((error: unknown) =>
        this.#afterReady('message hook', error),
      );
    }
    return {
      ...finish,
      // Saved again afterwards so the record also holds the analysis and its model calls.
      background: (finish.background ?? Promise.resolve())
        .then(() => analyzeReply(deps, context, matched, reply.text))
        .then((unanalyzed) => recordUnanalyzed(recorder, unanalyzed))
        .catch((error: unknown) => recorder.error('response-analysis', error))
        .then(() => recorder.save())
        .then(() => undefined),
    };
  }

  async #selectCandidates(context: TurnContext): Promise<Guideline[]> {
    const { deps, recorder } = this;
    const all = selectCandidates(context, this.#journeys?.inScope);
    const selection = deps.candidateFilter
      ? await deps.candidateFilter.select(all, context)
      : { kept: all, skipped: [] };
    recorder.record.candidates = selection.kept.map((g) => ({ type: 'guideline', id: g.id }));
    recorder.record.skipped = selection.skipped.map(({ guidelineId, reason }) => ({
      entity: { type: 'guideline', id: guidelineId },
      reason,
    }));
    return selection.kept;
  }

  async #match(
    context: TurnContext,
    candidates: readonly Guideline[],
    stage: string,
    afterTools = false,
  ): Promise<{ fallback: string } | undefined> {
    const { deps, recorder } = this;
    const journeys = this.#journeys as TurnJourneys;
    // Journey steps run in the same parallel wave as matching; journey triggers ride along as
    // synthetic candidates in a batch a strategy sends anyway (first wave only).
    const outcome = await journeys.matchingWave({
      stage,
      candidates,
      strategies: deps.strategies,
      match: (all) => matchGuidelines(all, deps.strategies, context),
    });
    recorder.verdicts(outcome.verdicts);
    const decision = decideUnevaluated({
      candidates,
      verdicts: outcome.verdicts,
      options: deps.unevaluated,
      recorder,
      stage,
      afterTools,
    });
    if (decision.action === 'fail') throw new UnevaluatedGuidelinesError(decision.guidelineIds);
    if (decision.action === 'fallback') return { fallback: decision.message };
    for (const verdict of outcome.verdicts) {
      // An unevaluated re-check keeps what the guideline had before.
      if (verdict.matched === null) continue;
      const detail = outcome.matched.get(verdict.entity.id);
      if (detail !== undefined) this.#matches.set(verdict.entity.id, detail);
      else this.#matches.delete(verdict.entity.id);
    }
    const resolved = await recorder.stage(`resolve-${context.iteration}`, async () =>
      journeys.resolve((activeJourneyIds) =>
        resolveRelationships({
          matchedGuidelineIds: [...this.#matches.keys()],
          activeJourneyIds,
          guidelines: context.guidelines,
          journeys: context.journeys,
          relationships: context.relationships,
        }),
      ),
    );
    this.#resolution = resolved.resolution;
    this.#journeyToolSteps = resolved.toolSteps;
    recorder.record.resolution = [...this.#resolution.reasons];
    return undefined;
  }

  /**
   * The resolved guidelines, minus the targets of an unclear intent (the reply asks which one
   * the customer means instead), after `matched` hooks — run after every (re-)match.
   */
  async #matched(context: TurnContext): Promise<Guideline[] | 'bail'> {
    const byId = new Map(context.guidelines.map((guideline) => [guideline.id, guideline]));
    const resolved = (this.#resolution?.guidelineIds ?? []).flatMap((id) => byId.get(id) ?? []);
    const heldBack = new Map<string, string>();
    for (const guideline of resolved) {
      for (const target of this.#matches.get(guideline.id)?.clarification?.targets ?? []) {
        if (target.type === 'guideline' && target.id !== guideline.id)
          heldBack.set(target.id, guideline.id);
      }
    }
    for (const [targetId, sourceId] of heldBack) {
      if (!resolved.some((guideline) => guideline.id === targetId)) continue;
      this.recorder.resolution([
        {
          entity: { type: 'guideline', id: targetId },
          change: 'dropped',
          rule: 'disambiguates',
          relationshipId: null,
          because: { type: 'guideline', id: sourceId },
          explanation:
            "The customer's intent is unclear between this and other options; the reply asks first",
        },
      ]);
    }
    const guidelines = resolved.filter((guideline) => !heldBack.has(guideline.id));
    const verdict = await runHooks(this.deps.hooks?.matched, context, { guidelines });
    return verdict === 'bail' ? 'bail' : guidelines;
  }

  #withRationales(guidelines: readonly Guideline[]): MatchedGuideline[] {
    return guidelines.map((guideline) => {
      const detail = this.#matches.get(guideline.id);
      return {
        guideline,
        rationale: detail?.rationale,
        ...(detail?.clarification ? { clarifyingQuestion: detail.clarification.question } : {}),
      };
    });
  }

  /** Sends the configured fallback reply instead of composing one (see `UnevaluatedOptions`). */
  async #fallback(
    context: TurnContext,
    text: string,
    outcomes: readonly ToolCallOutcome[],
  ): Promise<TurnFinish> {
    const { deps, start, emitter, recorder } = this;
    await this.#preamble?.settle();
    const event = await recorder.stage('compose', () =>
      sendFallbackReply({ context, text, emitter, commit: start.commit }),
    );
    const finish = await this.#end([], undefined, outcomes, event.id);
    await runHooks(deps.hooks?.message, context, { eventId: event.id, text }).catch(
      (error: unknown) => this.#afterReady('message hook', error),
    );
    return finish;
  }

  async #end(
    matched: readonly Guideline[],
    bailedAt: string | undefined,
    outcomes: readonly ToolCallOutcome[] = [],
    replyEventId?: string,
  ): Promise<TurnFinish> {
    const { deps, emitter, recorder } = this;
    await this.#preamble?.settle();
    this.#retrievers?.discard();
    if (bailedAt !== undefined) recorder.note(`A ${bailedAt} hook bailed out: no reply was sent`);
    const ids = matched.map((guideline) => guideline.id);
    recorder.record.matched.guidelines = ids;
    const result = this.#journeys?.result();
    const journeys = result?.ready ?? { journeys: [], states: [] };
    recorder.record.matched.journeys = journeys.journeys;
    recorder.record.matched.journeyStates = journeys.states;
    const context = this.#context;
    const emitted = emitter.eventIds.length;
    try {
      // One commit, all or nothing: the held block reply, the final `ready` and the session's
      // memory (the next turn reads it at once) — docs/scaling.md.
      await deps.store.transaction(async (tx) => {
        await emitter.flush(tx.events);
        await emitter.status('ready', finalReadyData(ids, journeys), tx.events);
        if (context !== undefined) {
          const positions = result?.positions;
          await saveTurnState({ ...deps, store: tx }, context, ids, outcomes, recorder, positions);
        }
      });
    } catch (error) {
      // Rolled back, so none of it was written: the turn ends with `error` instead (#fail).
      emitter.eventIds.length = emitted;
      emitter.discardHeld();
      (deps.onError ?? console.error)(error, { sessionId: this.start.sessionId });
      throw error;
    }
    this.#readySent = true;
    const outcome: TurnOutcome = replyEventId
      ? { status: 'answered', traceId: this.start.traceId, replyEventId }
      : { status: 'no-reply', traceId: this.start.traceId };
    // The decision record holds every prompt: writing it inside the commit would hold the reply
    // and the store for it. It is saved right after, off the critical path (a crash in between
    // loses only the record), and again once the response analysis is done. Saving starts on a
    // later turn of the event loop: describing and serializing a large record is synchronous
    // work that would otherwise run before the committed reply reaches the waiting clients.
    const background = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => recorder.finish('completed', emitter.eventIds))
      .then(() => undefined)
      .catch((error: unknown) => this.#afterReady('saving the decision record', error));
    return { outcome, background };
  }

  /** Ends a turn that threw: see {@link endFailedTurn}. */
  #fail(error: unknown): Promise<TurnOutcome> {
    this.#retrievers?.discard();
    return endFailedTurn({
      error,
      deps: this.deps,
      start: this.start,
      emitter: this.emitter,
      recorder: this.recorder,
      context: this.#context,
      readySent: this.#readySent,
      journeyPositions: this.#journeys?.result().keptOnFailure,
      afterReady: (what, afterError) => this.#afterReady(what, afterError),
    });
  }

  #afterReady(what: string, error: unknown): void {
    this.recorder.error(what, error);
    (this.deps.onError ?? console.error)(error, { sessionId: this.start.sessionId });
  }
}
