import { z } from 'zod';
import type { ConductOptions } from '../../src/conduct/create-conduct.js';
import type { JourneyStepDecision, JourneyStepper } from '../../src/engine/journey-stepper.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import type { ScriptedRequest } from '../../src/testing/model-script.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { setup } from '../engine/harness.js';

/** Task name the test stepper and observation strategy use (as the real ones do). */
export const STEP = 'journey-step';
export const OBSERVE = 'observation';

const stepAnswerSchema = z.object({
  action: z.enum(['stay', 'advance', 'leave', 'backtrack']),
  to: z.string().nullable().optional(),
  backTo: z.string().optional(),
});

/**
 * A stepper that makes one `journey-step` model call per journey and step, answering by target
 * state id, so scripts read `{ action: 'advance', to: 'ask_date' }`. The prompt is JSON of the
 * journey, state and move targets.
 */
export const testStepper: JourneyStepper = {
  name: STEP,
  async step({ context, journey, state, moves, visited }) {
    const { value } = await context.model.generateObject({
      task: STEP,
      traceId: context.traceId,
      signal: context.signal,
      schema: stepAnswerSchema,
      messages: [
        {
          role: 'user',
          content: JSON.stringify({
            journey: journey.id,
            state: state.id,
            moves: moves.map((move) => ({ to: move.to, via: move.via })),
            visited: visited.map((v) => v.id),
          }),
        },
      ],
    });
    if (value.action === 'advance') {
      const move = moves.findIndex((m) => m.to === (value.to ?? null));
      return { action: 'advance', move, rationale: `to ${value.to}` };
    }
    if (value.action === 'backtrack') return { action: 'backtrack', stateId: value.backTo ?? '' };
    return { action: value.action } as JourneyStepDecision;
  },
};

/** What a step call was asked (parsed from the test stepper's prompt). */
export function stepRequest(request: Pick<ScriptedRequest, 'messages'>): {
  journey: string;
  state: string;
  moves: { to: string | null; via: string[] }[];
  visited: string[];
} {
  return JSON.parse(request.messages[0]?.content ?? '{}');
}

/**
 * An observation strategy over the model: one `observation` call per turn listing every
 * candidate's condition; answer with {@link observe}.
 */
export function observationStrategy(): MatchingStrategy {
  const schema = z.object({ holds: z.array(z.number().int()) });
  return {
    name: OBSERVE,
    handles: () => true,
    async evaluate(guidelines, context) {
      const { value } = await context.model.generateObject({
        task: OBSERVE,
        traceId: context.traceId,
        signal: context.signal,
        schema,
        messages: [
          {
            role: 'user',
            content: guidelines.map((g, i) => `${i + 1}. ${g.condition}`).join('\n'),
          },
        ],
      });
      const holds = new Set(value.holds);
      return {
        verdicts: guidelines.map((g, i) => ({
          guidelineId: g.id,
          matched: holds.has(i + 1),
          rationale: holds.has(i + 1) ? 'holds' : 'does not hold',
        })),
      };
    },
  };
}

/** Scripted `observation` answer: the items whose condition passes `holds`. */
export function observe(holds: (condition: string) => boolean) {
  return (request: ScriptedRequest) => {
    const lines = (request.messages[0]?.content ?? '').split('\n');
    return {
      holds: lines.flatMap((line) => {
        const match = /^(\d+)\. (.*)$/.exec(line);
        return match && holds(match[2] ?? '') ? [Number(match[1])] : [];
      }),
    };
  };
}

/** The engine test harness with the test stepper and the observation strategy. */
export async function journeySetup(
  options: Partial<ConductOptions> & { model?: ScriptedModel } = {},
) {
  const model = options.model ?? createScriptedModel();
  model.on('compose', 'OK.');
  model.on(
    OBSERVE,
    observe(() => false),
  );
  const t = await setup({
    journeyStepper: testStepper,
    strategies: [observationStrategy()],
    ...options,
    model,
  });
  return {
    ...t,
    /** The turn record of the latest turn. */
    async lastRecord() {
      const records = await t.conduct.store.turns.list(t.session.id);
      return records.at(-1) as NonNullable<(typeof records)[number]>;
    },
    async position(journeyId: string) {
      return (await t.conduct.store.sessions.get(t.session.id)).state.journeys[journeyId];
    },
    async ready() {
      const statuses = await t.events({ kinds: ['status'] });
      const last = statuses.filter((e) => e.kind === 'status' && e.data.status === 'ready').at(-1);
      return last?.kind === 'status' ? (last.data.data as Record<string, unknown>) : undefined;
    },
    /** Model calls by task since the last `model.clearCalls()`. */
    calls: () => model.calls.map((call) => call.task),
  };
}
