import {
  ConfigurationError,
  HIGH_CRITICALITY_UNEVALUATED_ACTIONS,
  type UnevaluatedOptions,
} from '@conduct/core';
import { z } from 'zod';

/**
 * `CONDUCT_UNEVALUATED`: what a turn does when a high-criticality guideline could not be
 * evaluated (its matching call failed): `fail` (default), `fallback` or `continue`.
 */
export const unevaluatedEnv = z
  .enum(HIGH_CRITICALITY_UNEVALUATED_ACTIONS, {
    error: (issue) =>
      `'${String(issue.input)}' is not a mode; use fail (end the turn with an error status), fallback (send CONDUCT_UNEVALUATED_FALLBACK instead) or continue (treat the guideline as not matched)`,
  })
  .default('fail');

/**
 * The engine's `unevaluated` options from `CONDUCT_UNEVALUATED` and
 * `CONDUCT_UNEVALUATED_FALLBACK` (the reply of `fallback` mode, required then and only then).
 *
 * @throws ConfigurationError when the two do not fit together.
 */
export function unevaluatedOptions(vars: {
  CONDUCT_UNEVALUATED: UnevaluatedOptions['onHighCriticality'] & string;
  CONDUCT_UNEVALUATED_FALLBACK?: string | undefined;
}): UnevaluatedOptions {
  const mode = vars.CONDUCT_UNEVALUATED;
  const message = vars.CONDUCT_UNEVALUATED_FALLBACK;
  if (mode === 'fallback' && message === undefined) {
    throw new ConfigurationError(
      'Invalid configuration:\n  CONDUCT_UNEVALUATED_FALLBACK: CONDUCT_UNEVALUATED=fallback needs the reply to send, e.g. CONDUCT_UNEVALUATED_FALLBACK="Sorry, I can\'t help with that right now; a colleague will get back to you."',
    );
  }
  if (mode !== 'fallback' && message !== undefined) {
    throw new ConfigurationError(
      `Invalid configuration:\n  CONDUCT_UNEVALUATED_FALLBACK: only used with CONDUCT_UNEVALUATED=fallback (it is '${mode}'); set both or neither`,
    );
  }
  return mode === 'fallback'
    ? { onHighCriticality: mode, fallbackMessage: message }
    : { onHighCriticality: mode };
}
