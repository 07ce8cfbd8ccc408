import { readFile } from 'node:fs/promises';
import {
  type Conduct,
  ConfigurationError,
  createToolServiceDirectory,
  createToolServices,
  errorMessage,
  type ToolServiceDirectory,
  type ToolServiceRegistrations,
} from '@conduct/core';
import { isToolName } from '@conduct/core/internal';
import {
  createToolService,
  publicUrl,
  serviceHostPolicy,
  type ToolServiceConfig,
  toolServiceForRegistration,
} from '@conduct/tool-services';
import { z } from 'zod';
import type { Logger } from './logger.js';

const name = z
  .string()
  .refine(isToolName, 'use 1-64 letters, digits, _ - . (starting with a letter or digit)');
const headers = z.record(z.string(), z.string()).optional();
const timeoutMs = z.number().int().positive().optional();

/** One entry of the `CONDUCT_TOOL_SERVICES` file. */
const serviceSchema = z.union([
  z.strictObject({ kind: z.literal('mcp'), name, url: z.url(), headers, timeoutMs }),
  z.strictObject({
    kind: z.literal('mcp'),
    name,
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    timeoutMs,
  }),
  z.strictObject({
    kind: z.literal('openapi'),
    name,
    source: z.string().min(1),
    baseUrl: z.url().optional(),
    headers,
    timeoutMs,
  }),
]);

const fileSchema = z.strictObject({ services: z.array(serviceSchema) });

type ConfiguredService = ToolServiceConfig & { timeoutMs?: number };

/** `${NAME}` in a value is replaced by that environment variable, so secrets stay out of the file. */
function expand(value: unknown, env: Record<string, string | undefined>, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
      const found = env[variable];
      if (found === undefined) {
        throw new ConfigurationError(`${path}: environment variable ${variable} is not set`);
      }
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => expand(item, env, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expand(item, env, `${path}.${key}`)]),
    );
  }
  return value;
}

/** What `GET /services` shows: taken from the file before `${NAME}` expansion, so no secret. */
function displayUrlOf(service: z.output<typeof serviceSchema>): string {
  if ('command' in service) return [service.command, ...(service.args ?? [])].join(' ');
  if ('url' in service) return publicUrl(service.url);
  const url = service.baseUrl ?? service.source;
  return /^https?:\/\//i.test(url) ? publicUrl(url) : '';
}

/**
 * Reads the tool services file: `{"services": [...]}`, each an MCP server (`url` and optional
 * `headers`, or `command`/`args`/`env` for stdio) or an OpenAPI document (`source`, `baseUrl`,
 * `headers`). `${NAME}` in any string is taken from the environment.
 *
 * @throws ConfigurationError when the file cannot be read or is invalid.
 */
export async function readToolServicesFile(
  path: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ConfiguredService[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = errorMessage(error);
    throw new ConfigurationError(`CONDUCT_TOOL_SERVICES: cannot read ${path} (${reason})`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`CONDUCT_TOOL_SERVICES (${path}):\n${lines.join('\n')}`);
  }
  return parsed.data.services.map((service, index) => ({
    ...(expand(service, env, `services[${index}]`) as ConfiguredService),
    displayUrl: displayUrlOf(service),
  }));
}

/** What {@link startToolServices} started. */
export interface StartedToolServices {
  /** For the `/services` routes. */
  directory: ToolServiceDirectory;
  close(): Promise<void>;
}

/**
 * Connects the configured tool services, then those registered over the API on earlier runs,
 * registering their tools in `conduct.tools` — before the agent modules load, so agents can name
 * them. A service that cannot be reached is logged and skipped: the server still starts.
 */
export async function startToolServices(options: {
  conduct: Conduct;
  registrations: ToolServiceRegistrations;
  configured: readonly ConfiguredService[];
  log: Logger;
  /** Bound on connecting one service and listing its tools; default core's (10 s). */
  connectTimeoutMs?: number;
  /** Hosts services registered over the API may live at (`CONDUCT_SERVICE_HOSTS`). */
  serviceHosts?: readonly string[];
  /** Accept loopback hosts for API registrations when no allow-list is set (`dev` mode). */
  allowLoopback?: boolean;
}): Promise<StartedToolServices> {
  const { conduct, log } = options;
  const services = createToolServices({
    registry: conduct.tools,
    ...(options.connectTimeoutMs === undefined
      ? {}
      : { connectTimeoutMs: options.connectTimeoutMs }),
    onError: (error, service) => log.warn(`tool service ${service}: ${error.message}`),
  });
  // In parallel, each bounded by the connect timeout: a slow service cannot hold the start.
  await Promise.allSettled(
    options.configured.map(async ({ timeoutMs, ...config }) => {
      try {
        const summary = await services.add(
          createToolService(config),
          timeoutMs === undefined ? {} : { timeoutMs },
        );
        log.info(`tool service ${summary.name} (${summary.kind}): ${summary.tools.length} tool(s)`);
      } catch (error) {
        log.error(`tool service ${config.name} (${config.kind}) could not be connected`, error);
      }
    }),
  );
  const directory = createToolServiceDirectory({
    services,
    registrations: options.registrations,
    connect: toolServiceForRegistration,
    checkRegistration: serviceHostPolicy({
      allow: options.serviceHosts ?? [],
      allowLoopback: options.allowLoopback ?? false,
    }),
    // The file's services stay as configured: the API can neither replace nor remove them.
    fixed: options.configured.map((service) => service.name),
  });
  for (const failed of await directory.restore()) {
    log.error(
      `tool service ${failed.name} (registered over the API) could not be connected`,
      failed.error,
    );
  }
  return { directory, close: () => services.close() };
}
