import type { Event } from '../domain/event.js';
import type { Guideline } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import { TurnJourneys } from '../journeys/turn-journeys.js';
import { recordModelCalls } from '../model/call-recording.js';
import { loadTokenizer } from '../prompt/tokenizer.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import type { BehaviorCache } from './behavior-cache.js';
import { preambleCompositionMode, selectComposer } from './composer-selection.js';
import type { EngineDependencies } from './engine-options.js';
import { gatherTurnContext, selectCandidates } from './gather.js';
import { gatherGrounding } from './grounding-gather.js';
import { TurnRetrievers } from './grounding-retrievers.js';
import { runHooks } from './hooks.js';
import { NO_JOURNEY_STEPPER_MESSAGE } from './journey-stepper.js';
import { withDefaultTimeout } from './model-defaults.js';
import { PreambleTask } from './preamble-task.js';
import { finalReadyData } from './ready-data.js';
import { describeSubjects } from './record-subjects.js';
import { composeAndSend, sendFallbackReply } from './reply-stage.js';
import type { TurnFinish, TurnOutcome, TurnStart } from './session-runtime.js';
import { analyzeReply, saveTurnState } from './session-state-update.js';
import { runToolLoop, type ToolLoopEnd } from './tool-loop.js';
import { transientGuidelines } from './transient-guidelines.js';
import type { TurnEmitter } from './turn-emitter.js';
import { endFailedTurn } from './turn-failure.js';
import { TurnMatching } from './turn-matching.js';
import type { TurnRecorder } from './turn-recorder.js';
import type { TurnScope } from './turn-scope.js';
import { recordUnanalyzed } from './unevaluated-policy.js';

/** What a {@link Turn} is started with. */
export interface TurnSetup {
  deps: EngineDependencies;
  behavior: BehaviorCache;
  start: TurnStart;
  emitter: TurnEmitter;
  recorder: TurnRecorder;
}

/** How a turn ends without composing (or after it): what `#end` commits. */
interface Ending {
  matched: readonly Guideline[];
  /** The hook point that bailed, when one did: no reply was sent. */
  bailedAt?: string;
  outcomes?: readonly ToolCallOutcome[];
  replyEventId?: string;
}

/**
 * One turn (docs/architecture.md#the-turn), stage after stage: acknowledge, gather, select
 * candidates, match and resolve (`TurnMatching`), tools (`runToolLoop`), compose, commit — then
 * leaves response analysis running in the background.
 *
 * Invariants: every turn that emitted anything ends with exactly one final `ready`, and nothing
 * of the turn is emitted after it. Model, tool, hook and store failures end the turn with
 * `error` then `ready`; a cancelled turn ends with `cancelled` then `ready`.
 */
export class Turn {
  readonly #setup: TurnSetup;
  readonly #retrievers: TurnRetrievers;
  /** Set once the turn has gathered; a turn that fails before that has none. */
  #scope: TurnScope | undefined;
  #preamble: PreambleTask | undefined;
  #readySent = false;

  constructor(setup: TurnSetup) {
    this.#setup = setup;
    this.#retrievers = new TurnRetrievers(setup.deps, setup.recorder);
  }

  /** Whether the turn gathered journeys that no journey stepper can move. */
  get unsteppedJourneys(): boolean {
    return unstepped(this.#setup.deps, this.#scope?.context.journeys ?? []);
  }

  /** The guidelines the agent can see, once the turn has gathered them. */
  get guidelines(): readonly Guideline[] | undefined {
    return this.#scope?.context.guidelines;
  }

  /**
   * Runs the turn for the session and its log as the runtime found them once it held the
   * session. Never throws: a failure ends the turn (see {@link endFailedTurn}).
   */
  async run(loaded: { session: Session; history: Event[] }): Promise<TurnFinish> {
    try {
      return await this.#run(loaded);
    } catch (error) {
      await this.#preamble?.settle();
      return { outcome: await this.#fail(error) };
    }
  }

  async #run(loaded: { session: Session; history: Event[] }): Promise<TurnFinish> {
    const scope = await this.#gather(loaded);
    const { deps, context, emitter, recorder } = scope;
    if ((await runHooks(deps.hooks?.acknowledged, context, undefined)) === 'bail') {
      return this.#end(scope, { matched: [], bailedAt: 'acknowledged' });
    }
    await emitter.status('processing', { stage: 'Interpreting' });
    const candidates = await recorder.stage('select', () => this.#selectCandidates(scope));
    this.#startPreamble(scope, candidates);
    const matching = new TurnMatching(scope);
    const first = await matching.round({ candidates, stage: 'match' });
    if (first.kind === 'fallback') return this.#fallback(scope, first.text, []);
    if (first.kind === 'bailed') return this.#end(scope, { matched: [], bailedAt: 'matched' });
    this.#retrievers.startForMatched(context, first.guidelines);
    const tools = await runToolLoop(scope, { matching, candidates, first });
    if (tools.kind === 'fallback') return this.#fallback(scope, tools.text, tools.outcomes);
    if (tools.kind === 'bailed') {
      return this.#end(scope, { matched: tools.matched, bailedAt: tools.at });
    }
    return this.#reply(scope, matching, tools);
  }

  /** Acknowledges, then gathers the turn's context and builds what every stage works with. */
  async #gather(loaded: { session: Session; history: Event[] }): Promise<TurnScope> {
    const { deps, start, emitter, recorder } = this.#setup;
    await emitter.status('acknowledged', {});
    const model = recordModelCalls(
      withDefaultTimeout(deps.model, deps.modelTimeoutMs ?? 60_000),
      (call) => recorder.modelCall(call),
    );
    const retrievers = this.#retrievers;
    const context = await recorder.stage('gather', async () => {
      const [gathered, session] = await Promise.all([
        gatherTurnContext(
          deps.store,
          this.#setup.behavior,
          loaded,
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
          ? loaded.session
          : start.previous.then(() => deps.store.sessions.get(start.sessionId)),
        loadTokenizer(),
      ]);
      return { ...gathered, session };
    });
    // Journeys stored over the API (or before) start but never move without a stepper.
    if (unstepped(deps, context.journeys)) recorder.note(NO_JOURNEY_STEPPER_MESSAGE);
    recorder.describeWith((record) => describeSubjects(record, context));
    const journeys = new TurnJourneys({ context, recorder, stepper: deps.journeyStepper });
    this.#scope = { deps, start, context, emitter, recorder, journeys };
    emitter.speakAs(context.agent);
    return this.#scope;
  }

  async #selectCandidates({ deps, context, recorder, journeys }: TurnScope): Promise<Guideline[]> {
    const all = selectCandidates(context, journeys.inScope);
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

  /** Starts a preamble alongside matching, when the policy expects a slow turn. */
  #startPreamble(scope: TurnScope, candidates: readonly Guideline[]): void {
    const { deps, context, emitter, recorder, journeys } = scope;
    if (!deps.preamble?.(context, candidates)) return;
    // The preamble's own view of the journeys: where the session stood when the customer wrote.
    const activeJourneys = [...journeys.atStart];
    const mode = preambleCompositionMode(context.agent, candidates, activeJourneys);
    this.#preamble = new PreambleTask({ ...context, activeJourneys }, emitter, recorder, mode);
  }

  /** Composes and sends the reply, commits the turn, and leaves response analysis running. */
  async #reply(
    scope: TurnScope,
    matching: TurnMatching,
    { matched, outcomes }: Extract<ToolLoopEnd, { kind: 'compose' }>,
  ): Promise<TurnFinish> {
    const { deps, context, recorder } = scope;
    // The reply must know the preamble the customer already saw; one still being generated
    // now is dropped (never sent), so the composer is never told of a preamble that did not go
    // out, nor does one go out while it composes.
    const preamble = await this.#preamble?.settle();
    if (preamble !== undefined) context.preamble = preamble;
    const retrieved = await recorder.stage('retrievers', () =>
      this.#retrievers.settle(context, matched),
    );
    context.grounding = { ...context.grounding, retrieved };
    if ((await runHooks(deps.hooks?.beforeCompose, context, { guidelines: matched })) === 'bail') {
      return this.#end(scope, { matched, bailedAt: 'beforeCompose', outcomes });
    }
    const composer = deps.composer ?? (await selectComposer(deps, context, matched, recorder));
    const guidelines = [
      ...matching.withRationales(matched),
      ...transientGuidelines(outcomes, context.agent.id),
    ];
    const reply = await recorder.stage('compose', () =>
      composeAndSend(scope, { composer, guidelines }),
    );
    if (reply === undefined) return this.#end(scope, { matched, bailedAt: 'draft', outcomes });
    const finish = await this.#end(scope, { matched, outcomes, replyEventId: reply.event?.id });
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
        .then(() => analyzeReply(scope, { matched, reply: reply.text }))
        .then((unanalyzed) => recordUnanalyzed(recorder, unanalyzed))
        .catch((error: unknown) => recorder.error('response-analysis', error))
        .then(() => recorder.save())
        .then(() => undefined),
    };
  }

  /** Sends the configured fallback reply instead of composing one (see `UnevaluatedOptions`). */
  async #fallback(
    scope: TurnScope,
    text: string,
    outcomes: readonly ToolCallOutcome[],
  ): Promise<TurnFinish> {
    const { deps, context, recorder } = scope;
    await this.#preamble?.settle();
    const event = await recorder.stage('compose', () => sendFallbackReply(scope, text));
    const finish = await this.#end(scope, { matched: [], outcomes, replyEventId: event.id });
    await runHooks(deps.hooks?.message, context, { eventId: event.id, text }).catch(
      (error: unknown) => this.#afterReady('message hook', error),
    );
    return finish;
  }

  /**
   * Commits the turn — in one transaction, all or nothing: the held block reply, the final
   * `ready` and the session's memory (the next turn reads it at once; docs/scaling.md) — then
   * saves the decision record off the critical path.
   */
  async #end(scope: TurnScope, ending: Ending): Promise<TurnFinish> {
    const { deps, start, emitter, recorder, journeys } = scope;
    const { matched, bailedAt, outcomes = [], replyEventId } = ending;
    await this.#preamble?.settle();
    this.#retrievers.discard();
    if (bailedAt !== undefined) recorder.note(`A ${bailedAt} hook bailed out: no reply was sent`);
    const ids = matched.map((guideline) => guideline.id);
    recorder.record.matched.guidelines = ids;
    const result = journeys.result();
    recorder.record.matched.journeys = result.ready.journeys;
    recorder.record.matched.journeyStates = result.ready.states;
    const checkpoint = emitter.checkpoint();
    try {
      await deps.store.transaction(async (tx) => {
        await emitter.flush(tx.events);
        await emitter.status('ready', finalReadyData(ids, result.ready), tx.events);
        await saveTurnState(scope, {
          store: tx,
          matchedIds: ids,
          outcomes,
          journeys: result.positions,
        });
      });
    } catch (error) {
      // Rolled back, so none of it was written: the turn ends with `error` instead (#fail).
      emitter.rollback(checkpoint);
      (deps.onError ?? console.error)(error, { sessionId: start.sessionId });
      throw error;
    }
    this.#readySent = true;
    const outcome: TurnOutcome = replyEventId
      ? { status: 'answered', traceId: start.traceId, replyEventId }
      : { status: 'no-reply', traceId: start.traceId };
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
    const { deps, start, emitter, recorder } = this.#setup;
    this.#retrievers.discard();
    return endFailedTurn({
      error,
      deps,
      start,
      emitter,
      recorder,
      context: this.#scope?.context,
      readySent: this.#readySent,
      journeyPositions: this.#scope?.journeys.result().keptOnFailure,
      afterReady: (what, afterError) => this.#afterReady(what, afterError),
    });
  }

  #afterReady(what: string, error: unknown): void {
    this.#setup.recorder.error(what, error);
    (this.#setup.deps.onError ?? console.error)(error, { sessionId: this.#setup.start.sessionId });
  }
}

/** Whether there are journeys and no journey stepper to move them. */
function unstepped(deps: EngineDependencies, journeys: readonly unknown[]): boolean {
  return journeys.length > 0 && deps.journeyStepper === undefined;
}
