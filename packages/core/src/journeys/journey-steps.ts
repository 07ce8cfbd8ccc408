import type { JourneyDecision } from '../domain/turn-record.js';
import type { JourneyStepDecision, JourneyStepper } from '../engine/journey-stepper.js';
import type { TurnContext } from '../engine/turn-context.js';
import { errorMessage } from '../util/error-message.js';
import type { JourneyEntry } from './journey-entry.js';
import {
  advancePosition,
  backtrackPosition,
  leavePosition,
  type PositionStamp,
} from './journey-position.js';

/**
 * Runs the step of each due journey in parallel and applies the answers to the entries. A step
 * that fails (or names a move or step that does not exist) leaves its journey where it is, with
 * the reason in the decision; only a cancelled turn stops here.
 */
export async function runJourneySteps(
  due: readonly JourneyEntry[],
  context: TurnContext,
  stepper: JourneyStepper | undefined,
  stamp: PositionStamp,
): Promise<JourneyDecision[]> {
  const answers = await Promise.all(
    due.map(async (entry) => {
      if (stepper === undefined) {
        return {
          entry,
          error: 'no journey stepper is configured (e.g. defaultMatchers() adds one)',
        };
      }
      const state = entry.state;
      if (state === undefined) return { entry, error: 'the journey is not active' };
      try {
        const decision = await stepper.step({
          context,
          journey: entry.journey,
          state,
          moves: state.type === 'tool' ? [] : entry.prepared.movesFrom(state.id),
          visited: entry.visited(),
        });
        return { entry, decision };
      } catch (error) {
        context.signal.throwIfAborted();
        return { entry, error: `the step failed: ${errorMessage(error)}` };
      }
    }),
  );
  context.signal.throwIfAborted();
  const decidedBy = stepper?.name ?? 'engine';
  return answers.map(({ entry, decision, error }) =>
    decision === undefined
      ? stayed(entry, decidedBy, error ?? 'no answer')
      : apply(entry, decision, decidedBy, stamp),
  );
}

function apply(
  entry: JourneyEntry,
  decision: JourneyStepDecision,
  decidedBy: string,
  stamp: PositionStamp,
): JourneyDecision {
  const position = entry.position;
  const state = entry.state;
  if (position === undefined || state === undefined) return stayed(entry, decidedBy, 'not active');
  const why = decision.rationale;
  switch (decision.action) {
    case 'stay':
      return stayed(entry, decidedBy, why ?? 'the current step is not done yet');
    case 'leave':
      return entry.move(leavePosition(position, stamp), {
        action: 'left',
        via: [],
        decidedBy,
        reason: why ?? 'the customer left the flow',
      });
    case 'backtrack': {
      if (!entry.visited().some((visited) => visited.id === decision.stateId)) {
        return stayed(
          entry,
          decidedBy,
          `asked to go back to '${decision.stateId}', which was not visited`,
        );
      }
      return entry.move(backtrackPosition(position, decision.stateId, stamp), {
        action: 'backtracked',
        via: [],
        decidedBy,
        reason: why ?? 'the customer changed an earlier answer',
      });
    }
    case 'advance': {
      const move =
        state.type === 'tool' ? undefined : entry.prepared.movesFrom(state.id)[decision.move];
      if (move === undefined)
        return stayed(entry, decidedBy, `chose move ${decision.move}, which does not exist`);
      const next = advancePosition(position, move, entry.journey, stamp);
      return entry.move(next, {
        action: next.outcome === 'completed' ? 'completed' : 'advanced',
        via: [...move.via],
        decidedBy,
        reason: why ?? 'the step is done and the move applies',
      });
    }
  }
}

function stayed(entry: JourneyEntry, decidedBy: string, reason: string): JourneyDecision {
  const stateId = entry.state?.id ?? null;
  return {
    journeyId: entry.journey.id,
    action: 'stayed',
    from: stateId,
    to: stateId,
    via: [],
    decidedBy,
    reason,
  };
}
