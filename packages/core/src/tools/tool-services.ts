import { ConfigurationError } from '../errors/errors.js';
import type { Tool } from './define-tool.js';
import { serviceTool, serviceToolName } from './service-tool.js';
import type { ToolRegistry } from './tool-registry.js';
import type { ToolService, ToolServiceSummary } from './tool-service.js';

/** Options of {@link createToolServices}. */
export interface ToolServicesOptions {
  /** Where the services' tools are registered (usually `conduct.tools`). */
  registry: ToolRegistry;
  /** Per-call timeout of service tools unless {@link ToolServices.add} sets one. */
  timeoutMs?: number;
  /**
   * How long listing a service's tools (connecting, fetching its document) may take before it
   * fails, in milliseconds. Default {@link DEFAULT_CONNECT_TIMEOUT_MS}.
   */
  connectTimeoutMs?: number;
  /**
   * Told about a tool that could not be taken in (unusable schema, clashing name) or a refresh
   * that failed after a change announcement; the rest of the service still works. Default: none.
   */
  onError?: (error: Error, service: string) => void;
}

/** The tool services of a Conduct, kept in step with the tool registry. */
export interface ToolServices {
  /**
   * Connects `service`, lists its tools and registers them as `"<service>:<tool>"`; replaces a
   * service of the same name. Later change announcements refresh the registered tools.
   *
   * @throws whatever listing the tools threw (the service is closed and not added), or a
   *   ConfigurationError when the name is taken by tools defined in code.
   */
  add(service: ToolService, options?: { timeoutMs?: number }): Promise<ToolServiceSummary>;
  /** Reads the service's tool list again and updates the registry. */
  refresh(name: string): Promise<ToolServiceSummary>;
  /** Unregisters the service's tools and closes it; false when there was none. */
  remove(name: string): Promise<boolean>;
  get(name: string): ToolServiceSummary | undefined;
  list(): ToolServiceSummary[];
  /** Closes every service. */
  close(): Promise<void>;
}

/** Default bound on listing a service's tools: a slow URL must not hold a start or a request. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Runs `listTools` with a signal aborted after `timeoutMs`, and also stops waiting then, so a
 * service that ignores its signal cannot hang the caller.
 */
async function listWithin(service: ToolService, timeoutMs: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`listing the tools took longer than ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([service.listTools({ signal: controller.signal }), expired]);
  } finally {
    clearTimeout(timer);
  }
}

interface Entry {
  service: ToolService;
  tools: Tool[];
  timeoutMs: number | undefined;
  unsubscribe: () => void;
}

/** Creates the set of tool services registering into `options.registry`. */
export function createToolServices(options: ToolServicesOptions): ToolServices {
  const { registry } = options;
  const entries = new Map<string, Entry>();
  const report = (error: unknown, service: string) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)), service);

  const summary = (entry: Entry): ToolServiceSummary => ({
    name: entry.service.name,
    kind: entry.service.kind,
    url: entry.service.url,
    tools: entry.tools.map((tool) => tool.descriptor()),
  });

  const load = async (entry: Entry): Promise<Tool[]> => {
    const specs = await listWithin(
      entry.service,
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    const tools: Tool[] = [];
    const names = new Set<string>();
    for (const spec of specs) {
      const name = serviceToolName(spec.name);
      if (names.has(name)) {
        report(
          new ConfigurationError(`Tool "${spec.name}" clashes with another name`),
          entry.service.name,
        );
        continue;
      }
      try {
        tools.push(serviceTool({ service: entry.service, spec, name, timeoutMs: entry.timeoutMs }));
        names.add(name);
      } catch (error) {
        report(error, entry.service.name);
      }
    }
    return tools;
  };

  const install = (entry: Entry, tools: Tool[]) => {
    for (const tool of entry.tools) registry.unregister(tool.ref);
    entry.tools = tools;
    for (const tool of tools) registry.register(tool);
  };

  const refresh = async (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new ConfigurationError(`No tool service named "${name}"`);
    const tools = await load(entry);
    if (entries.get(name) === entry) install(entry, tools);
    return summary(entry);
  };

  const remove = async (name: string) => {
    const entry = entries.get(name);
    if (!entry) return false;
    entries.delete(name);
    entry.unsubscribe();
    for (const tool of entry.tools) registry.unregister(tool.ref);
    await entry.service.close();
    return true;
  };

  return {
    async add(service, addOptions = {}) {
      const owned = new Set(entries.get(service.name)?.tools);
      if (registry.tools.some((tool) => tool.service === service.name && !owned.has(tool))) {
        await service.close();
        throw new ConfigurationError(
          `Tool service "${service.name}" clashes with tools defined in code under that service name`,
        );
      }
      const entry: Entry = {
        service,
        tools: [],
        timeoutMs: addOptions.timeoutMs ?? options.timeoutMs,
        unsubscribe: () => {},
      };
      let tools: Tool[];
      try {
        tools = await load(entry);
      } catch (error) {
        await service.close().catch(() => {});
        throw error;
      }
      await remove(service.name);
      entries.set(service.name, entry);
      install(entry, tools);
      entry.unsubscribe =
        service.onToolsChanged?.(() => {
          refresh(service.name).catch((error: unknown) => report(error, service.name));
        }) ?? (() => {});
      return summary(entry);
    },
    refresh,
    remove,
    get: (name) => {
      const entry = entries.get(name);
      return entry && summary(entry);
    },
    list: () => [...entries.values()].map(summary),
    async close() {
      await Promise.allSettled([...entries.keys()].map((name) => remove(name)));
    },
  };
}
