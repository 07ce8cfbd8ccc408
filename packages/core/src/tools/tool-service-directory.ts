import { ConfigurationError } from '../errors/errors.js';
import type { ToolService, ToolServiceSummary } from './tool-service.js';
import type { ToolServices } from './tool-services.js';

/**
 * A tool service registered at run time (over the HTTP API): what is stored so it can be
 * connected again at the next start. `url` is the MCP endpoint, or the API base URL of an
 * OpenAPI service; `source` the OpenAPI document (a URL or its text).
 */
export type ToolServiceRegistration =
  | { name: string; kind: 'mcp'; url: string }
  | { name: string; kind: 'openapi'; url?: string; source: string };

/** Where registrations are kept between starts. */
export interface ToolServiceRegistrations {
  list(): Promise<ToolServiceRegistration[]>;
  /** Adds or replaces the registration of that name. */
  put(registration: ToolServiceRegistration): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Registrations kept in memory (lost at exit): the default, and a reference for tests. */
export function memoryToolServiceRegistrations(): ToolServiceRegistrations {
  const byName = new Map<string, ToolServiceRegistration>();
  return {
    list: async () => [...byName.values()].map((item) => structuredClone(item)),
    put: async (registration) => {
      byName.set(registration.name, structuredClone(registration));
    },
    delete: async (name) => {
      byName.delete(name);
    },
  };
}

/**
 * The service was reached but its registration could not be stored: it was removed again, so
 * what runs matches what the next start restores. A server-side failure (HTTP 500), not the
 * caller's.
 */
export class ToolServiceNotStoredError extends Error {
  constructor(name: string, options?: { cause?: unknown }) {
    super(`The registration of tool service "${name}" could not be stored`, options);
    this.name = 'ToolServiceNotStoredError';
  }
}

/** Options of {@link createToolServiceDirectory}. */
export interface ToolServiceDirectoryOptions {
  services: ToolServices;
  /** Builds the service a registration describes (the tool-services package's factory). */
  connect(registration: ToolServiceRegistration): ToolService;
  /** Default: {@link memoryToolServiceRegistrations}. */
  registrations?: ToolServiceRegistrations;
  /**
   * Vets a registration before it is connected (at registration and at restore), e.g. the hosts
   * it points at; throwing refuses it. Default: none.
   */
  checkRegistration?: (registration: ToolServiceRegistration) => Promise<void>;
  /**
   * Names of services configured by other means (the server's services file): they cannot be
   * replaced or removed through the directory.
   */
  fixed?: readonly string[];
}

/** Tool services registered at run time, persisted, on top of {@link ToolServices}. */
export interface ToolServiceDirectory {
  list(): ToolServiceSummary[];
  get(name: string): ToolServiceSummary | undefined;
  /**
   * Connects the service, then stores the registration. A service that cannot be reached is
   * neither added nor stored (the error is rethrown); one that cannot be stored is removed again
   * ({@link ToolServiceNotStoredError}).
   */
  register(registration: ToolServiceRegistration): Promise<ToolServiceSummary>;
  /**
   * Removes a service (registered at run time or not) and its stored registration.
   *
   * @throws ConfigurationError for a service named in `fixed`.
   */
  remove(name: string): Promise<boolean>;
  /**
   * Connects every stored registration (at start). Resolves with those that failed; they stay
   * stored, so the next start or a new registration tries again.
   */
  restore(): Promise<Array<{ name: string; error: Error }>>;
}

/** Creates the directory of run-time tool services. */
export function createToolServiceDirectory(
  options: ToolServiceDirectoryOptions,
): ToolServiceDirectory {
  const { services, connect } = options;
  const registrations = options.registrations ?? memoryToolServiceRegistrations();
  const fixed = new Set(options.fixed);
  const check = options.checkRegistration ?? (async () => {});
  const guardFixed = (name: string) => {
    if (fixed.has(name)) {
      throw new ConfigurationError(
        `Tool service "${name}" is configured in the server's services file; change it there`,
      );
    }
  };
  const connectChecked = async (registration: ToolServiceRegistration) => {
    await check(registration);
    return services.add(connect(registration));
  };
  return {
    list: () => services.list(),
    get: (name) => services.get(name),
    async register(registration) {
      guardFixed(registration.name);
      const summary = await connectChecked(registration);
      try {
        await registrations.put(registration);
      } catch (error) {
        await services.remove(registration.name).catch(() => {});
        throw new ToolServiceNotStoredError(registration.name, { cause: error });
      }
      return summary;
    },
    async remove(name) {
      guardFixed(name);
      const stored = (await registrations.list()).some((item) => item.name === name);
      if (stored) await registrations.delete(name);
      const removed = await services.remove(name);
      return removed || stored;
    },
    async restore() {
      // In parallel: one slow service must not hold the others (each is bounded by the
      // services' connect timeout).
      const stored = await registrations.list();
      const outcomes = await Promise.allSettled(
        stored.map((registration) =>
          fixed.has(registration.name)
            ? Promise.reject(new ConfigurationError('shadowed by a configured service'))
            : connectChecked(registration),
        ),
      );
      return outcomes.flatMap((outcome, index) =>
        outcome.status === 'fulfilled'
          ? []
          : [
              {
                name: stored[index]?.name ?? '',
                error:
                  outcome.reason instanceof Error
                    ? outcome.reason
                    : new Error(String(outcome.reason)),
              },
            ],
      );
    },
  };
}
