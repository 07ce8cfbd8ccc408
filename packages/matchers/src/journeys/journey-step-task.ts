import {
  currentTimeSection,
  describeState,
  formatMarkedList,
  formatNumberedList,
  type JourneyState,
  type JourneyStepDecision,
  type JourneyStepRequest,
  ModelOutputError,
  type MoveRequirement,
  type PreparedMove,
  type PromptBuilder,
  reasonFirst,
  taskPrompt,
} from '@conduct/core';
import { z } from 'zod';
import { agentUnderEvaluation } from '../judge-context.js';

/** Task name of journey step selection (the model-routing key). */
export const JOURNEY_STEP_TASK = 'journey-step';

const REASON = reasonFirst(12);

/**
 * Answer of one step call: a short reason, an earlier step to go back to (by letter) when the
 * customer changed an answer, and the next move: `stay`, `leave` or a move number. Terse on
 * purpose: output tokens dominate latency, and this call is on the critical path's first wave.
 */
export const journeyStepSchema = z.object({
  why: REASON.field(),
  back: z
    .string()
    .nullable()
    .describe('letter of an earlier step whose answer the customer changed; null if none'),
  next: z.string().describe('"stay", "leave", or the number of the move to take'),
});
/** Answer of {@link journeyStepSchema}. */
export type JourneyStepAnswer = z.output<typeof journeyStepSchema>;

const instructions = [
  'A customer-facing agent follows a flow of steps with the customer. Decide where the flow stands after the latest customer message.',
  'The current step is what the agent was doing. It is done when the conversation shows what it needed: the customer answered the question, or the agent said what it had to say and nothing is pending.',
  'Each numbered move goes from the current step to a later one. A move applies when the current step is done and everything it lists holds; a step listed as already done counts only if the conversation really shows it done (the customer may answer several questions at once).',
  'Answer "next" with the number of the move that applies and goes furthest, "stay" when the current step is not done yet or no move applies, or "leave" only when the customer clearly no longer wants this flow (declines, cancels, or switches to something else for good). A side question is not leaving.',
  'Set "back" to the letter of an earlier step when the customer changes an answer they gave there (a different date, another item); otherwise null. Going back is not leaving.',
  `Judge only from what was actually said. ${REASON.single()}`,
];

/** Instructions and the worked example: the same for every call, so prompt caches hit. */
export const journeyStepStaticPrompt: PromptBuilder = taskPrompt({
  instructions,
  examples: [
    {
      fields: [
        {
          label: 'Conversation',
          lines: [
            'Customer: I want to book a flight.',
            'Agent: Happy to help! Where would you like to go?',
            'Customer: Lisbon, on June 12, just me.',
          ],
        },
        { label: 'Current step', text: 'Ask where the customer wants to fly' },
        { label: 'Earlier steps', text: 'none' },
        {
          label: 'Moves',
          items: [
            'to "Ask for the travel date", when: the customer named a destination',
            'to "Ask how many travellers", when: the customer named a destination; "Ask for the travel date" is already done; the customer gave a date',
            'to "Confirm the booking", when: the customer named a destination; "Ask for the travel date" is already done; the customer gave a date; "Ask how many travellers" is already done; the customer said how many are travelling',
          ],
        },
      ],
      answer: { why: 'destination, date and traveller count all given', back: null, next: '3' },
    },
  ],
});

/** Letters for earlier steps: A, B, … Z, then AA, AB, … */
export function stepLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${stepLetter(Math.floor(index / 26) - 1)}${letter}`;
}

/** How a state reads in a step prompt; a nested journey is named by its title. */
function stateText(state: JourneyState, request: JourneyStepRequest): string {
  if (state.type !== 'journey') return describeState(state);
  const nested = request.context.journeys.find((journey) => journey.id === state.journeyId);
  return `go through the sub-flow: ${nested?.title ?? state.journeyId}`;
}

/** How a prepared move is shown: where it goes and, in order, what must hold. */
export function describeMove(move: PreparedMove, request: JourneyStepRequest): string {
  const byId = (id: string) => {
    const state = request.journey.states.find((candidate) => candidate.id === id);
    return state === undefined ? id : stateText(state, request);
  };
  const target = move.to === null ? 'finish the flow' : `to "${byId(move.to)}"`;
  const requirement = (r: MoveRequirement) =>
    r.kind === 'condition' ? r.text : `"${byId(r.stateId)}" is already done`;
  return move.requires.length === 0
    ? `${target}, once the current step is done`
    : `${target}, when: ${move.requires.map(requirement).join('; ')}`;
}

/** The dynamic sections of a step prompt, after the static part. */
export function journeyStepPrompt(request: JourneyStepRequest, conversation: readonly string[]) {
  const { journey, state, moves, visited, context } = request;
  const current =
    state.type === 'tool'
      ? `${describeState(state)} (a lookup that has not run yet; only "stay" or "leave" apply)`
      : state.type === 'fork'
        ? 'A branch point with nothing to do: take the move whose conditions hold; "stay" only while none holds yet'
        : state.type === 'journey'
          ? `${stateText(state, request)} (finished: this step is done)`
          : describeState(state);
  return journeyStepStaticPrompt
    .section(currentTimeSection(context))
    .section({ name: 'agent', kind: 'dynamic', content: agentUnderEvaluation(context.agent) })
    .section({ name: 'conversation', kind: 'dynamic', content: [...conversation] })
    .section({
      name: 'flow',
      kind: 'dynamic',
      content: [
        `Flow: ${journey.title}`,
        journey.description.trim() ? `About: ${journey.description.trim()}` : '',
      ],
    })
    .section({
      name: 'earlier-steps',
      kind: 'dynamic',
      content:
        visited.length === 0
          ? 'none'
          : formatMarkedList(
              visited.map((step) => describeState(step)),
              (i) => `${stepLetter(i)}.`,
            ),
    })
    .section({ name: 'current-step', kind: 'dynamic', content: current })
    .section({
      name: 'moves',
      kind: 'dynamic',
      content:
        moves.length === 0
          ? 'none'
          : formatNumberedList(moves.map((move) => describeMove(move, request))),
    })
    .build();
}

/**
 * Maps an answer to a decision: a valid `back` letter wins (the customer changed an earlier
 * answer); otherwise `next`. A move number outside the list is an output error, never guessed at.
 */
export function readJourneyStep(
  answer: JourneyStepAnswer,
  request: Pick<JourneyStepRequest, 'moves' | 'visited'>,
): JourneyStepDecision {
  const rationale = answer.why;
  const back = answer.back?.trim().toUpperCase();
  if (back) {
    const index = request.visited.findIndex((_, i) => stepLetter(i) === back);
    const target = request.visited[index];
    if (target !== undefined) return { action: 'backtrack', stateId: target.id, rationale };
  }
  const next = answer.next.trim().toLowerCase().replace(/^"|"$/g, '');
  if (next === 'stay') return { action: 'stay', rationale };
  if (next === 'leave') return { action: 'leave', rationale };
  const number = Number(next);
  if (Number.isInteger(number) && number >= 1 && number <= request.moves.length) {
    return { action: 'advance', move: number - 1, rationale };
  }
  throw new ModelOutputError(`journey-step answered next="${answer.next}", which is not a move`, {
    task: JOURNEY_STEP_TASK,
    output: JSON.stringify(answer),
  });
}
