import type { Journey } from '../domain/journey.js';
import type { JourneyPosition } from '../domain/session-state.js';
import { JourneyGraph, type JourneyGraphInput } from './journey-graph.js';
import type { PreparedMove } from './prepared-transitions.js';

/** When and in which turn a position changes. */
export interface PositionStamp {
  traceId: string | null;
  /** ISO timestamp. */
  now: string;
}

/** The position of a journey that starts now, at its initial state. */
export function startPosition(
  journey: Pick<Journey, 'id' | 'initialStateId'>,
  stamp: PositionStamp,
): JourneyPosition {
  return {
    journeyId: journey.id,
    stateId: journey.initialStateId,
    path: [journey.initialStateId],
    outcome: 'active',
    updatedAt: stamp.now,
    traceId: stamp.traceId,
  };
}

/**
 * The position after taking a prepared move: the states passed through and the target are
 * appended to the path. Reaching an `end` state (or finishing at a step with no exits)
 * completes the journey.
 */
export function advancePosition(
  position: JourneyPosition,
  move: PreparedMove,
  journey: JourneyGraphInput,
  stamp: PositionStamp,
): JourneyPosition {
  const path = [...position.path, ...move.via, ...(move.to === null ? [] : [move.to])];
  const target = move.to === null ? undefined : new JourneyGraph(journey).state(move.to);
  const completed = move.to === null || target?.type === 'end';
  return {
    ...position,
    stateId: completed ? null : move.to,
    path,
    outcome: completed ? 'completed' : 'active',
    updatedAt: stamp.now,
    traceId: stamp.traceId,
  };
}

/**
 * The position after going back to a state visited earlier (the customer changed an earlier
 * answer): the path is cut after the latest visit of that state.
 */
export function backtrackPosition(
  position: JourneyPosition,
  stateId: string,
  stamp: PositionStamp,
): JourneyPosition {
  const index = position.path.lastIndexOf(stateId);
  const path = index < 0 ? [...position.path, stateId] : position.path.slice(0, index + 1);
  return {
    ...position,
    stateId,
    path,
    outcome: 'active',
    updatedAt: stamp.now,
    traceId: stamp.traceId,
  };
}

/** The position after the customer left the journey (the path is kept for the record). */
export function leavePosition(position: JourneyPosition, stamp: PositionStamp): JourneyPosition {
  return {
    ...position,
    stateId: null,
    outcome: 'left',
    updatedAt: stamp.now,
    traceId: stamp.traceId,
  };
}

/** The position after the journey finished without reaching an `end` state (a nested one). */
export function completePosition(position: JourneyPosition, stamp: PositionStamp): JourneyPosition {
  return {
    ...position,
    stateId: null,
    outcome: 'completed',
    updatedAt: stamp.now,
    traceId: stamp.traceId,
  };
}

/** What {@link reconcilePosition} decided. */
export interface ReconciledPosition {
  position: JourneyPosition;
  /** Why the position was changed, when it was (for the decision record). */
  reset?: string;
}

/**
 * Makes a stored position safe for the journey as it is now (it may have been edited since):
 * states that no longer exist are dropped from the path; when the current state itself is gone,
 * the session resumes at the latest visited chat step that still exists (its answer may need
 * asking again), or restarts at the initial state when none does. Tool states are never resumed
 * this way, so an edit cannot make a tool run twice. A session at a state that is now an `end`
 * state has completed the journey.
 */
export function reconcilePosition(
  position: JourneyPosition,
  journey: Journey,
  stamp: PositionStamp,
): ReconciledPosition {
  const graph = new JourneyGraph(journey);
  const path = position.path.filter((id) => graph.has(id));
  const current = position.stateId === null ? undefined : graph.state(position.stateId);
  if (position.outcome === 'active' && current?.type === 'end') {
    return {
      position: completePosition({ ...position, path }, stamp),
      reset: `state '${current.id}' is now an end state in journey '${journey.title}'; the journey is complete`,
    };
  }
  if (position.stateId === null || current !== undefined) {
    return path.length === position.path.length
      ? { position }
      : { position: { ...position, path } };
  }
  const resumeAt = [...path].reverse().find((id) => graph.state(id)?.type === 'chat');
  const missing = position.stateId;
  if (resumeAt !== undefined) {
    return {
      position: {
        ...position,
        stateId: resumeAt,
        path: path.slice(0, path.lastIndexOf(resumeAt) + 1),
        updatedAt: stamp.now,
        traceId: stamp.traceId,
      },
      reset: `state '${missing}' no longer exists in journey '${journey.title}'; resumed at the latest visited step that still exists, '${resumeAt}'`,
    };
  }
  return {
    position: startPosition(journey, stamp),
    reset: `state '${missing}' no longer exists in journey '${journey.title}' and no visited step remains; restarted at the initial state '${journey.initialStateId}'`,
  };
}
