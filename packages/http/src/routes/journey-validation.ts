import {
  type ConductStore,
  type JourneyValidationOptions,
  ValidationError,
  type ValidationIssue,
} from '@conduct/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { HttpError } from '../errors.js';
import { toolRegistryOf } from './checks.js';

// Domain field names in issue paths, as the wire spells them.
const WIRE_NAMES: Record<string, string> = {
  initialStateId: 'initial_state_id',
  journeyId: 'journey_id',
  compositionMode: 'composition_mode',
};

/**
 * What graph validation checks against over HTTP: the stored journeys (nested journeys exist
 * and do not nest back) and, when the app has a tool registry, the registered tools.
 */
export async function journeyValidationOptions(
  c: Context<AppEnv>,
  store: ConductStore,
): Promise<JourneyValidationOptions> {
  const stored = new Map((await store.journeys.list()).map((journey) => [journey.id, journey]));
  const registry = toolRegistryOf(c);
  return {
    journeyExists: (journeyId) => stored.has(journeyId),
    nestedJourneys: (journeyId) =>
      (stored.get(journeyId)?.states ?? []).flatMap((state) =>
        state.type === 'journey' ? [state.journeyId] : [],
      ),
    ...(registry === undefined ? {} : { toolExists: (ref: string) => registry.has(ref) }),
  };
}

/**
 * Runs `check` (core's journey validation) and turns its `ValidationError` into a 422 whose
 * entries point at the offending state or transition (`["body", "states", 2]`) and whose
 * messages name the journey.
 */
export function withWireLocations<T>(title: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!ValidationError.is(error) || error.issues.length === 0) throw error;
    throw new HttpError(
      422,
      error.issues.map((issue: ValidationIssue) => ({
        type: issue.type,
        loc: ['body', ...issue.path.map((part) => WIRE_NAMES[part] ?? part)],
        msg: issue.message.includes(`journey '${title}'`)
          ? issue.message
          : `Invalid journey '${title}': ${issue.message}`,
      })),
    );
  }
}
