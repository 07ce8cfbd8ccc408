/** Where the server writes what it is doing. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Logs to the console with a `[conduct]` prefix. */
export const consoleLogger: Logger = {
  info: (message) => console.log(`[conduct] ${message}`),
  warn: (message) => console.warn(`[conduct] warning: ${message}`),
  error: (message, error) =>
    error === undefined
      ? console.error(`[conduct] ${message}`)
      : console.error(`[conduct] ${message}`, error),
};

/** Discards everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** The message of an error, for one-line logs. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
