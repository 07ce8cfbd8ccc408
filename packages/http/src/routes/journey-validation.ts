import { ValidationError, type ValidationIssue } from '@conduct/core';
import { HttpError } from '../errors.js';

// Domain field names in issue paths, as the wire spells them.
const WIRE_NAMES: Record<string, string> = {
  initialStateId: 'initial_state_id',
  journeyId: 'journey_id',
  compositionMode: 'composition_mode',
};

/**
 * Runs `write` (a journey write of the behavior-model service, which validates the graph) and
 * turns a `ValidationError` into a 422 whose entries point at the offending state or transition
 * (`["body", "states", 2]`) and whose messages name the journey (`title`, or what it returns
 * once the write knows it).
 */
export async function withWireLocations<T>(
  title: string | (() => string),
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!ValidationError.is(error) || error.issues.length === 0) throw error;
    const name = typeof title === 'string' ? title : title();
    throw new HttpError(
      422,
      error.issues.map((issue: ValidationIssue) => ({
        type: issue.type,
        loc: ['body', ...issue.path.map((part) => WIRE_NAMES[part] ?? part)],
        msg: issue.message.includes(`journey '${name}'`)
          ? issue.message
          : `Invalid journey '${name}': ${issue.message}`,
      })),
    );
  }
}
