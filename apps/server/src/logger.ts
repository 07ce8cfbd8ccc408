import { ConfigurationError } from '@conduct/core';
import { type DestinationStream, pino } from 'pino';
import pretty from 'pino-pretty';

/** Structured context of a log line: keys of the JSON line (the terminal shows the message). */
export type LogFields = Record<string, unknown>;

/** Where the server writes what it is doing. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** `error` (with its stack) is shown in the terminal and serialized as `err` in JSON. */
  error(message: string, error?: unknown, fields?: LogFields): void;
}

/** The levels `CONDUCT_LOG_LEVEL` accepts, from the most verbose; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * How lines are written: `pretty` (one readable, colored line each, for a terminal), `json`
 * (one JSON object per line, for log collectors), or `auto`: pretty when the output is a
 * terminal, JSON otherwise.
 */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Default `auto`. */
  format?: LogFormat;
  /** Default: standard output. */
  destination?: DestinationStream;
  /** Whether the destination is a terminal, for `auto`. Default: `process.stdout.isTTY`. */
  isTTY?: boolean;
}

/** A structured logger (pino): pretty in a terminal, JSON lines otherwise. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const isTTY = options.isTTY ?? process.stdout.isTTY === true;
  const format = options.format ?? 'auto';
  const readable = format === 'pretty' || (format === 'auto' && isTTY);
  const destination = readable
    ? pretty({
        colorize: isTTY,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        // The message says it all; the fields are for JSON readers (errors are still shown).
        hideObject: true,
        sync: true,
        ...(options.destination === undefined ? {} : { destination: options.destination }),
      })
    : options.destination;
  const base = { name: 'conduct', level: options.level ?? 'info' };
  const logger = destination === undefined ? pino(base) : pino(base, destination);
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, error, fields) => {
      if (error === undefined) logger.error(fields ?? {}, message);
      // The terminal hides objects, errors too: their stack goes in the message instead.
      else if (readable) logger.error(fields ?? {}, `${message}: ${describe(error)}`);
      else logger.error({ ...fields, err: error }, message);
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.stack ?? `${error.name}: ${error.message}`;
}

/**
 * Logger options from the environment: `CONDUCT_LOG_LEVEL` (or `LOG_LEVEL`) and
 * `CONDUCT_LOG_FORMAT`.
 *
 * `LOG_LEVEL` is often set by a platform for every program, in its own words: common synonyms
 * (`warning`, `verbose`, `critical`…) are understood and anything else is ignored, so it cannot
 * stop the server from starting.
 *
 * @throws ConfigurationError for a value of a `CONDUCT_*` variable that is not one of
 * {@link LOG_LEVELS} / {@link LOG_FORMATS}.
 */
export function loggerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  const level = env.CONDUCT_LOG_LEVEL?.trim()
    ? oneOf('CONDUCT_LOG_LEVEL', env.CONDUCT_LOG_LEVEL, LOG_LEVELS)
    : platformLevel(env.LOG_LEVEL);
  const format = oneOf('CONDUCT_LOG_FORMAT', env.CONDUCT_LOG_FORMAT, LOG_FORMATS);
  return { ...(level === undefined ? {} : { level }), ...(format === undefined ? {} : { format }) };
}

const LEVEL_SYNONYMS: Readonly<Record<string, LogLevel>> = {
  warning: 'warn',
  verbose: 'debug',
  err: 'error',
  critical: 'fatal',
  crit: 'fatal',
  off: 'silent',
  none: 'silent',
};

/** A platform-wide `LOG_LEVEL`, when it names a level we know (else none: the default). */
function platformLevel(raw: string | undefined): LogLevel | undefined {
  const value = raw?.trim().toLowerCase() ?? '';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  return LEVEL_SYNONYMS[value];
}

function oneOf<T extends string>(
  variable: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(
    `${variable}='${raw}' is not valid: use one of ${allowed.join(', ')}`,
  );
}

/** Discards everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
