import type { CassetteMode } from '@conduct/scenarios';
import { CliError } from '../exit-codes.js';
import type { TargetChoice } from '../target-options.js';

/** The cassette a run uses, from `--cassette`, `--record`, `--replay` and `--cassette-mode`. */
export interface CassetteChoice {
  path: string;
  mode: CassetteMode;
}

/**
 * Reads the cassette options: `--cassette <file>` alone replays (a CI run must never call a
 * real model by accident); `--record`, `--replay` or `--cassette-mode` pick the mode.
 *
 * @throws CliError for a mode without a file, or a cassette with `--url` (the server calls
 *   its own model: there is nothing here to record).
 */
export function cassetteChoice(
  options: Record<string, unknown>,
  target: TargetChoice,
): CassetteChoice | undefined {
  const path = options.cassette as string | undefined;
  const mode =
    (options.cassetteMode as CassetteMode | undefined) ??
    (options.record === true ? 'record' : options.replay === true ? 'replay' : undefined);
  if (path === undefined) {
    if (mode !== undefined)
      throw new CliError('--record, --replay and --cassette-mode need --cassette <file>');
    return undefined;
  }
  if (target.kind === 'url') {
    throw new CliError(
      'A cassette records the model calls of an in-process run; with --url the server calls its own model',
    );
  }
  return { path, mode: mode ?? 'replay' };
}
