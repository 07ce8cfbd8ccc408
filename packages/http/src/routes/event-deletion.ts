import { type BehaviorModel, TraceBoundaryError } from '@conduct/core';
import { HttpError } from '../errors.js';

/**
 * `DELETE /sessions/{id}/events?min_offset=N` (docs/compatibility.md#sessions-and-events): soft-deletes every event from
 * offset N on and trims the session's engine state, through the behavior-model service. A
 * turn's events stand or fall together, so N must be where a trace starts: else a 422 that
 * names the offset to use instead.
 */
export async function deleteEventsFrom(
  model: BehaviorModel,
  sessionId: string,
  minOffset: number,
): Promise<void> {
  try {
    await model.events.deleteFrom(sessionId, minOffset);
  } catch (error) {
    if (error instanceof TraceBoundaryError) throw new HttpError(422, error.message);
    throw error;
  }
}
