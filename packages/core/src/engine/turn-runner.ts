import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import { UnevaluatedGuidelinesError } from '../errors/errors.js';
import { recordModelCalls } from '../model/call-recording.js';
import { loadTokenizer } from '../prompt/tokenizer.js';
import { resolveRelationships } from '../relationships/resolve-relationships.js';
import type { RelationshipResolution } from '../relationships/types.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import type { MatchedGuideline } from './composer.js';
import type { EngineDependencies } from './engine-options.js';
import { createFluidComposer } from './fluid-composer.js';
import { gatherTurnContext, selectCandidates } from './gather.js';
import { runHooks } from './hooks.js';
import { matchGuidelines } from './match-stage.js';
import { sendPreamble } from './preamble.js';
import { composeAndSend } from './reply-stage.js';
import type { TurnFinish, TurnStart } from './session-runtime.js';
import { analyzeReply, saveTurnState } from './session-state-update.js';
import { runToolRound } from './tool-stage.js';
import type { TurnContext } from './turn-context.js';
import { TurnEmitter } from './turn-emitter.js';
import { errorMessage, TurnRecorder } from './turn-recorder.js';

/**
 * Runs one turn of DESIGN §4 for the session's newest customer message: acknowledge, gather,
 * match, resolve, tools (bounded iterations), compose, emit, record — then leaves response
 * analysis running in the background. Never throws for a model, tool or hook failure: those
 * end the turn with `error` then `ready`; a cancelled turn ends with `cancelled` then `ready`.
 */
export async function runTurn(deps: EngineDependencies, start: TurnStart): Promise<TurnFinish> {
  await start.previous;
  const session = await deps.store.sessions.find(start.sessionId);
  // Manual mode: a human has the session, so the engine says nothing at all.
  if (session === undefined || session.mode === 'manual') return {};
  await loadTokenizer();

  const recorder = new TurnRecorder(deps.store.turns, {
    sessionId: session.id,
    agentId: session.agentId,
    traceId: start.traceId,
  });
  const model = recordModelCalls(deps.model, (call) => recorder.modelCall(call));
  let emitter: TurnEmitter | undefined;
  let context: TurnContext | undefined;
  try {
    context = await recorder.stage('gather', () =>
      gatherTurnContext(deps.store, session, {
        traceId: start.traceId,
        signal: start.signal,
        model,
      }),
    );
    emitter = new TurnEmitter(deps.store.events, session.id, start.traceId, context.agent);
    return await new Turn(deps, context, emitter, recorder).run(start.commit);
  } catch (error) {
    await endFailedTurn(deps, start, recorder, { emitter, context }, error);
    return {};
  }
}

class Turn {
  readonly #rationales = new Map<string, string | undefined>();
  #resolution: RelationshipResolution | undefined;

  constructor(
    readonly deps: EngineDependencies,
    readonly context: TurnContext,
    readonly emitter: TurnEmitter,
    readonly recorder: TurnRecorder,
  ) {}

  async run(commit: () => void): Promise<TurnFinish> {
    const { deps, context, emitter, recorder } = this;
    await emitter.status('acknowledged', {});
    if ((await runHooks(deps.hooks?.acknowledged, context, undefined)) === 'bail') {
      return this.#end([], 'acknowledged');
    }
    await emitter.status('processing', { stage: 'Interpreting' });

    const candidates = await recorder.stage('select', () => this.#selectCandidates());
    const preamble = deps.preamble?.(context, candidates) ? this.#preamble() : undefined;
    await this.#match(candidates, 'match');
    await preamble;

    let matched = this.#matchedGuidelines();
    if ((await runHooks(deps.hooks?.matched, context, { guidelines: matched })) === 'bail') {
      return this.#end(matched, 'matched');
    }

    const ran = new Set<ToolRef>();
    const outcomes: ToolCallOutcome[] = [];
    for (;;) {
      const round = await recorder.stage(`tools-${context.iteration}`, () =>
        runToolRound(deps, context, matched, ran, emitter, recorder),
      );
      if (round === undefined) break;
      if (round.hook === 'bail') return this.#end(matched, 'toolsInferred');
      for (const ref of round.ran) ran.add(ref);
      outcomes.push(...round.outcomes);
      const recheckIds = new Set(
        round.ran.flatMap((ref) => this.#resolution?.reevaluateAfterTools[ref] ?? []),
      );
      if (recheckIds.size === 0 || context.iteration + 1 >= context.agent.maxEngineIterations)
        break;
      context.iteration += 1;
      await this.#match(
        candidates.filter((guideline) => recheckIds.has(guideline.id)),
        `match-${context.iteration}`,
      );
      matched = this.#matchedGuidelines();
    }

    if ((await runHooks(deps.hooks?.beforeCompose, context, { guidelines: matched })) === 'bail') {
      return this.#end(matched, 'beforeCompose');
    }
    const composer = deps.composer ?? createFluidComposer();
    const reply = await recorder.stage('compose', () =>
      composeAndSend(deps, composer, context, this.#withRationales(matched), emitter, commit),
    );
    if (reply === undefined) return this.#end(matched, 'draft');
    if (reply.event !== undefined) {
      await runHooks(deps.hooks?.message, context, { eventId: reply.event.id, text: reply.text });
    }
    const finish = await this.#end(matched, undefined, outcomes);
    return {
      // Saved again afterwards so the record also holds the analysis and its model calls.
      background: analyzeReply(deps, context, matched, reply.text)
        .catch((error: unknown) => recorder.error('response-analysis', error))
        .then(() => recorder.save())
        .then(() => undefined),
      ...finish,
    };
  }

  async #selectCandidates(): Promise<Guideline[]> {
    const { deps, context, recorder } = this;
    const all = selectCandidates(context);
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

  async #match(candidates: readonly Guideline[], stage: string): Promise<void> {
    const { deps, context, recorder } = this;
    const outcome = await recorder.stage(stage, () =>
      matchGuidelines(candidates, deps.strategies, context),
    );
    recorder.verdicts(outcome.verdicts);
    const unevaluatedIds = new Set(
      outcome.verdicts.filter((v) => v.matched === null).map((v) => v.entity.id),
    );
    const unevaluated = candidates.filter((guideline) => unevaluatedIds.has(guideline.id));
    if (unevaluated.length > 0 && deps.unevaluatedPolicy?.(unevaluated) === 'fail') {
      throw new UnevaluatedGuidelinesError(unevaluated.map((guideline) => guideline.id));
    }
    for (const verdict of outcome.verdicts) {
      // An unevaluated re-check keeps what the guideline had before.
      if (verdict.matched === null) continue;
      if (outcome.matched.has(verdict.entity.id)) {
        this.#rationales.set(verdict.entity.id, outcome.matched.get(verdict.entity.id));
      } else {
        this.#rationales.delete(verdict.entity.id);
      }
    }
    this.#resolution = await recorder.stage(`resolve-${context.iteration}`, async () =>
      resolveRelationships({
        matchedGuidelineIds: [...this.#rationales.keys()],
        activeJourneyIds: [],
        guidelines: context.guidelines,
        journeys: context.journeys,
        relationships: context.relationships,
      }),
    );
    recorder.record.resolution = [...this.#resolution.reasons];
  }

  #matchedGuidelines(): Guideline[] {
    const byId = new Map(this.context.guidelines.map((guideline) => [guideline.id, guideline]));
    return (this.#resolution?.guidelineIds ?? []).flatMap((id) => byId.get(id) ?? []);
  }

  #withRationales(guidelines: readonly Guideline[]): MatchedGuideline[] {
    return guidelines.map((guideline) => ({
      guideline,
      rationale: this.#rationales.get(guideline.id),
    }));
  }

  async #preamble(): Promise<void> {
    try {
      await sendPreamble(this.context, this.emitter);
    } catch (error) {
      this.context.signal.throwIfAborted();
      this.recorder.error('preamble', error);
    }
  }

  async #end(
    matched: readonly Guideline[],
    bailedAt: string | undefined,
    outcomes: readonly ToolCallOutcome[] = [],
  ): Promise<TurnFinish> {
    const { deps, context, emitter, recorder } = this;
    if (bailedAt !== undefined) recorder.note(`A ${bailedAt} hook bailed out: no reply was sent`);
    const ids = matched.map((guideline) => guideline.id);
    recorder.record.matched.guidelines = ids;
    await emitter.status('ready', {
      stage: 'completed',
      matched_guidelines: ids.map((id) => ({ id })),
      matched_journeys: [],
      matched_journey_states: [],
    });
    await saveTurnState(deps, context, ids, outcomes, recorder);
    await recorder.finish('completed', emitter.eventIds);
    return {};
  }
}

async function endFailedTurn(
  deps: EngineDependencies,
  start: TurnStart,
  recorder: TurnRecorder,
  { emitter, context }: { emitter?: TurnEmitter | undefined; context?: TurnContext | undefined },
  error: unknown,
): Promise<void> {
  const cancelled = start.signal.aborted;
  if (!cancelled) recorder.error('turn', error);
  try {
    if (emitter !== undefined) {
      if (cancelled) {
        await emitter.status('cancelled', {});
      } else {
        if (context !== undefined) await runHooks(deps.hooks?.error, context, { error });
        await emitter.status('error', { exception: describeError(error) });
      }
      await emitter.status('ready', {
        stage: 'completed',
        matched_guidelines: [],
        matched_journeys: [],
        matched_journey_states: [],
      });
    }
    await recorder.finish(cancelled ? 'cancelled' : 'error', emitter?.eventIds ?? []);
  } catch (secondary) {
    // The store itself is failing (or the session was deleted): nothing more can be written.
    (deps.onError ?? console.error)(secondary, { sessionId: start.sessionId });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : errorMessage(error);
}
