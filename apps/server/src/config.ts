import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveOllamaHost } from '@conduct/adapters-ollama';
import {
  ConfigurationError,
  errorMessage,
  type HedgingOptions,
  type UnevaluatedOptions,
} from '@conduct/core';
import type { CorsOrigins } from '@conduct/http';
import { z } from 'zod';
import type { ApiDocsMode } from './app-options.js';
import { AUTH_MODES, type AuthMode, MIN_TOKEN_SECRET_LENGTH } from './auth-policy.js';
import { apiDocsEnv, corsOriginsEnv, trustedProxiesEnv } from './http-config.js';
import { unfinishedTurnsConcurrencyEnv, unfinishedTurnsMaxAgeEnv } from './recovery-env.js';
import { parseSmallTasks, parseTaskModels, type TaskModel } from './task-models.js';
import { parseHedging, parseTaskTimeouts } from './task-timeouts.js';
import { unevaluatedEnv, unevaluatedOptions } from './unevaluated-env.js';

/** Where the bundled example agent lives; loaded when `CONDUCT_AGENTS` is not set. */
export const EXAMPLE_AGENT_MODULE = fileURLToPath(
  new URL('../agents/electronics-store/index.ts', import.meta.url),
);

/** Everything the server is configured with; {@link loadConfig} reads it from the environment. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind to. */
  host: string;
  /**
   * Authentication mode (`CONDUCT_AUTH`): `dev` (none, loopback only), `api-key` (keys for
   * management, optional customer tokens) or `public` (the reference's production preset).
   */
  auth: AuthMode;
  /** API keys allowed to do anything (`CONDUCT_API_KEYS`); unused in `dev`. */
  apiKeys: string[];
  /** Secret customer tokens are signed with (`CONDUCT_TOKEN_SECRET`); unset: tokens are off. */
  tokenSecret?: string;
  /** A PostgreSQL server; when set, `dataDir` is not used. */
  databaseUrl?: string;
  /** PGlite data directory (absolute), or a PGlite URL such as `memory://` (nothing persisted). */
  dataDir: string;
  openai: { apiKey?: string; baseURL?: string };
  anthropic: { apiKey?: string; baseURL?: string };
  /** Ollama's base URL, e.g. `http://127.0.0.1:11434`. */
  ollamaHost: string;
  /** Model id for the selected provider; omitted means that provider's default. */
  model?: string;
  /** Per-task overrides (`CONDUCT_TASK_MODELS`). */
  taskModels: TaskModel[];
  /**
   * Tasks whose model is small (`CONDUCT_SMALL_TASKS`): their routes are marked `small`, so
   * those tasks ask simpler questions.
   */
  smallTasks: string[];
  /**
   * Per-task deadlines in ms over the built-in ones (`CONDUCT_TASK_TIMEOUTS`); `Infinity`
   * removes a task's deadline. Unset: the built-in deadlines.
   */
  taskTimeouts?: Record<string, number>;
  /** Hedging of slow model calls (`CONDUCT_HEDGING`); `false` is off. Unset: adaptive. */
  hedging?: HedgingOptions | false;
  /** Absolute paths of the agent modules to load, in order. */
  agentModules: string[];
  /**
   * Absolute path of the JSON file listing the tool services (MCP servers, OpenAPI documents)
   * to connect at start (`CONDUCT_TOOL_SERVICES`); unset: none but those registered over the API.
   */
  toolServicesFile?: string;
  /**
   * Hosts tool services registered over the API may live at (`CONDUCT_SERVICE_HOSTS`,
   * comma-separated names or `*`). Empty: public addresses only, plus loopback in `dev` mode;
   * link-local addresses are refused in every case.
   */
  serviceHosts: string[];
  /**
   * What to do at start with turns a crash left unfinished (`CONDUCT_UNFINISHED_TURNS`): run
   * them again (`resume`, the default) or close them with an error status (`mark`).
   */
  unfinishedTurns: 'resume' | 'mark';
  /**
   * What to do with agents out of service at start (`CONDUCT_ORPHAN_AGENTS`): stored agents a
   * module defined on an earlier start but no loaded module defines now, and agents naming tools
   * no module registers. `read-only` (the default): their sessions stay readable, new sessions
   * and customer messages are refused; `disable`: their sessions are not served either;
   * `serve`: served as the others (the start still warns).
   */
  orphanAgents: OrphanAgentsMode;
  /**
   * Unfinished turns whose message is older than this (ms) are marked, never resumed
   * (`CONDUCT_UNFINISHED_TURNS_MAX_AGE`, e.g. `24h`; `none`: `Infinity`). Unset: the engine's
   * default, 24 hours.
   */
  unfinishedTurnsMaxAgeMs?: number;
  /**
   * How many unfinished turns recover at once (`CONDUCT_UNFINISHED_TURNS_CONCURRENCY`). Unset:
   * the engine's default, 4.
   */
  unfinishedTurnsConcurrency?: number;
  /**
   * What a turn does when a high-criticality guideline could not be evaluated
   * (`CONDUCT_UNEVALUATED`, `CONDUCT_UNEVALUATED_FALLBACK`). Default: fail the turn.
   */
  unevaluated: UnevaluatedOptions;
  /**
   * Browser origins allowed to call the API (`CONDUCT_CORS_ORIGINS`); unset: `loopback` in
   * `dev` mode, `*` otherwise.
   */
  corsOrigins?: CorsOrigins;
  /**
   * Who may read `/docs` and `/openapi.json` (`CONDUCT_API_DOCS`); unset: `public`, except
   * `protected` (an API key) in `public` mode, as the reference.
   */
  apiDocs?: ApiDocsMode;
  /**
   * Reverse proxies allowed to name the client with `X-Forwarded-For` / `X-Real-IP`
   * (`CONDUCT_TRUSTED_PROXIES`: IPs and CIDR ranges); unset: none, the socket peer is the client.
   */
  trustedProxies?: string[];
}

/** Where relative paths are resolved and which environment is read. */
export interface LoadConfigOptions {
  /** Default: `INIT_CWD` (the directory `pnpm start` was run in), else `process.cwd()`. */
  cwd?: string;
}

const LOOPBACK_NAMES = new Set(['localhost', '::1']);

/** The values of `CONDUCT_ORPHAN_AGENTS`. */
export const ORPHAN_AGENTS_MODES = ['read-only', 'disable', 'serve'] as const;
/** What to do with agents out of service at start. See `ServerConfig.orphanAgents`. */
export type OrphanAgentsMode = (typeof ORPHAN_AGENTS_MODES)[number];

const optionalText = z.string().optional();
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8000/v1' })
  .optional();

const envSchema = z.object({
  PORT: z
    .string()
    .default('8800')
    .transform((value, context) => {
      const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isInteger(port) && port <= 65535) return port;
      context.addIssue({
        code: 'custom',
        message: `must be a whole number from 0 to 65535 (got '${value}')`,
      });
      return z.NEVER;
    }),
  // `[::1]` (URL style) is accepted; the server binds to `::1`.
  HOST: z
    .string()
    .default('127.0.0.1')
    .transform((host) => host.replace(/^\[(.*)\]$/, '$1')),
  CONDUCT_AUTH: z
    .enum(AUTH_MODES, {
      error: (issue) =>
        `'${String(issue.input)}' is not a mode; use dev (no authentication, loopback only), api-key or public`,
    })
    .default('dev'),
  CONDUCT_API_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    ),
  CONDUCT_TOKEN_SECRET: z
    .string()
    .min(MIN_TOKEN_SECRET_LENGTH, {
      error: `must be at least ${MIN_TOKEN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`,
    })
    .optional(),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  CONDUCT_DATA_DIR: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: httpUrl,
  OLLAMA_HOST: optionalText,
  CONDUCT_MODEL: optionalText,
  CONDUCT_TASK_MODELS: optionalText,
  CONDUCT_SMALL_TASKS: optionalText,
  CONDUCT_TASK_TIMEOUTS: optionalText,
  CONDUCT_HEDGING: optionalText,
  CONDUCT_AGENTS: optionalText,
  CONDUCT_TOOL_SERVICES: optionalText,
  CONDUCT_SERVICE_HOSTS: optionalText,
  CONDUCT_UNFINISHED_TURNS: z
    .enum(['resume', 'mark'], {
      error: (issue) =>
        `'${String(issue.input)}' is not a mode; use resume (run interrupted turns again) or mark (close them with an error status)`,
    })
    .default('resume'),
  CONDUCT_ORPHAN_AGENTS: z
    .enum(ORPHAN_AGENTS_MODES, {
      error: (issue) =>
        `'${String(issue.input)}' is not a mode; use read-only (their sessions stay readable, they answer nothing new), disable (not served at all) or serve (served as now)`,
    })
    .default('read-only'),
  CONDUCT_UNFINISHED_TURNS_MAX_AGE: unfinishedTurnsMaxAgeEnv,
  CONDUCT_UNFINISHED_TURNS_CONCURRENCY: unfinishedTurnsConcurrencyEnv,
  CONDUCT_UNEVALUATED: unevaluatedEnv,
  CONDUCT_UNEVALUATED_FALLBACK: optionalText,
  CONDUCT_CORS_ORIGINS: corsOriginsEnv,
  CONDUCT_API_DOCS: apiDocsEnv,
  CONDUCT_TRUSTED_PROXIES: trustedProxiesEnv,
});

/**
 * Reads and validates the server's configuration from environment variables (see the README's
 * quick start for the list). Empty values count as unset.
 *
 * @throws ConfigurationError listing every invalid variable and what it should be.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): ServerConfig {
  const cwd = options.cwd ?? nonEmpty(env.INIT_CWD) ?? process.cwd();
  const present = Object.fromEntries(
    Object.keys(envSchema.shape).map((name) => [name, nonEmpty(env[name])]),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const vars = parsed.data;
  if (vars.CONDUCT_AUTH === 'dev' && !isLoopback(vars.HOST)) {
    throw new ConfigurationError(
      `Invalid configuration:\n  HOST: CONDUCT_AUTH=dev serves the API without authentication, so it binds to loopback only; use HOST=127.0.0.1 (got '${vars.HOST}'), or CONDUCT_AUTH=api-key or public.`,
    );
  }
  if (vars.CONDUCT_AUTH === 'api-key' && vars.CONDUCT_API_KEYS.length === 0) {
    throw new ConfigurationError(
      'Invalid configuration:\n  CONDUCT_API_KEYS: CONDUCT_AUTH=api-key needs at least one API key (comma-separated), e.g. CONDUCT_API_KEYS=$(openssl rand -hex 24)',
    );
  }
  const unevaluated = unevaluatedOptions(vars);
  return {
    port: vars.PORT,
    host: vars.HOST,
    auth: vars.CONDUCT_AUTH,
    apiKeys: vars.CONDUCT_API_KEYS,
    ...(vars.CONDUCT_TOKEN_SECRET === undefined ? {} : { tokenSecret: vars.CONDUCT_TOKEN_SECRET }),
    ...(vars.DATABASE_URL === undefined ? {} : { databaseUrl: vars.DATABASE_URL }),
    dataDir: resolveDataDir(vars.CONDUCT_DATA_DIR ?? '.conduct-data', cwd),
    openai: compact({ apiKey: vars.OPENAI_API_KEY, baseURL: vars.OPENAI_BASE_URL }),
    anthropic: compact({ apiKey: vars.ANTHROPIC_API_KEY, baseURL: vars.ANTHROPIC_BASE_URL }),
    ollamaHost: withVariable('OLLAMA_HOST', () => resolveOllamaHost(vars.OLLAMA_HOST)),
    ...(vars.CONDUCT_MODEL === undefined ? {} : { model: vars.CONDUCT_MODEL }),
    taskModels: parseTaskModels(vars.CONDUCT_TASK_MODELS),
    smallTasks: parseSmallTasks(vars.CONDUCT_SMALL_TASKS),
    ...modelCallLimits(vars.CONDUCT_TASK_TIMEOUTS, vars.CONDUCT_HEDGING),
    agentModules: agentPaths(vars.CONDUCT_AGENTS, cwd),
    ...(vars.CONDUCT_TOOL_SERVICES === undefined
      ? {}
      : { toolServicesFile: resolve(cwd, vars.CONDUCT_TOOL_SERVICES) }),
    serviceHosts: (vars.CONDUCT_SERVICE_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== ''),
    unfinishedTurns: vars.CONDUCT_UNFINISHED_TURNS,
    orphanAgents: vars.CONDUCT_ORPHAN_AGENTS,
    ...(vars.CONDUCT_UNFINISHED_TURNS_MAX_AGE === undefined
      ? {}
      : { unfinishedTurnsMaxAgeMs: vars.CONDUCT_UNFINISHED_TURNS_MAX_AGE }),
    ...(vars.CONDUCT_UNFINISHED_TURNS_CONCURRENCY === undefined
      ? {}
      : { unfinishedTurnsConcurrency: vars.CONDUCT_UNFINISHED_TURNS_CONCURRENCY }),
    unevaluated,
    ...(vars.CONDUCT_CORS_ORIGINS === undefined ? {} : { corsOrigins: vars.CONDUCT_CORS_ORIGINS }),
    ...(vars.CONDUCT_API_DOCS === undefined ? {} : { apiDocs: vars.CONDUCT_API_DOCS }),
    ...(vars.CONDUCT_TRUSTED_PROXIES === undefined
      ? {}
      : { trustedProxies: vars.CONDUCT_TRUSTED_PROXIES }),
  };
}

function modelCallLimits(
  timeouts: string | undefined,
  hedging: string | undefined,
): Pick<ServerConfig, 'taskTimeouts' | 'hedging'> {
  const taskTimeouts = parseTaskTimeouts(timeouts);
  const hedge = parseHedging(hedging, taskTimeouts);
  return {
    ...(Object.keys(taskTimeouts).length === 0 ? {} : { taskTimeouts }),
    ...(hedge === undefined ? {} : { hedging: hedge }),
  };
}

/** True for addresses that only this machine can reach (127.0.0.0/8, `::1`, `localhost`). */
export function isLoopback(host: string): boolean {
  const name = host.trim().toLowerCase();
  if (LOOPBACK_NAMES.has(name)) return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

function resolveDataDir(value: string, cwd: string): string {
  // PGlite URLs (`memory://`, `idb://…`) pass through; paths are made absolute.
  return /^[a-z]+:\/\//i.test(value) ? value : resolve(cwd, value);
}

function agentPaths(value: string | undefined, cwd: string): string[] {
  if (value === undefined) return [EXAMPLE_AGENT_MODULE];
  const paths = value
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  return paths.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
}

function withVariable<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const message = errorMessage(error);
    throw new ConfigurationError(`Invalid configuration:\n  ${name}: ${message}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function compact<T extends Record<string, string | undefined>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
