import { ConductError, ConfigurationError, NotFoundError, ValidationError } from '@conduct/core';

/**
 * The command's exit codes: `0` everything passed; `1` a scenario failed (or a command could not
 * finish); `2` bad input — an unknown option, a missing or invalid file, an unknown agent or
 * session, an unusable configuration; `3` the target could not be reached (no server at the URL).
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, unreachable: 3 } as const;

/** An error the command reports in one line, with the exit code it ends with. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.badInput, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

// Codes of errors other packages throw, by what they mean for the command.
const BAD_INPUT_CODES = new Set([
  ConfigurationError.code,
  ValidationError.code,
  NotFoundError.code,
  'unknown_agent',
  'scenario_format',
  'cassette_stale',
]);
const UNREACHABLE_CODES = new Set(['server_unreachable']);

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (ConductError.isInstance(error)) {
    if (UNREACHABLE_CODES.has(error.code)) return EXIT.unreachable;
    if (BAD_INPUT_CODES.has(error.code)) return EXIT.badInput;
  }
  return EXIT.failed;
}
