import type { ToolRef } from '../domain/common.js';
import type { ToolDescriptor } from '../domain/tool.js';
import { ConfigurationError } from '../errors/errors.js';
import type { Tool } from './define-tool.js';

/** What {@link ToolRegistry.resolve} found. */
export interface ResolvedTools {
  /** The known tools, deduplicated, in the order first referenced. */
  tools: Tool[];
  /** References no registered tool answers to, deduplicated, in order. */
  unknown: string[];
}

/** The tools an engine can run, by `"service:tool"` reference. */
export interface ToolRegistry {
  /** Every registered tool, in registration order. */
  readonly tools: readonly Tool[];
  /** The tool with this reference, if registered. */
  get(ref: string): Tool | undefined;
  has(ref: string): boolean;
  /**
   * Looks up the references attached to matched guidelines and journey states. Never throws:
   * unknown (or malformed) references come back in `unknown`; the engine records each as a
   * `tool-error` insight (`unknownToolInsight`) and in the turn record, and the turn goes on.
   */
  resolve(refs: Iterable<string>): ResolvedTools;
  /**
   * Adds a tool. Registering the same tool object again is a no-op; another tool with the same
   * ref is a `ConfigurationError`.
   */
  register(tool: Tool): void;
  /**
   * Removes the tool with this reference (a tool service that went away or renamed a tool).
   * Returns whether one was registered. Stored references to it become unknown tools.
   */
  unregister(ref: string): boolean;
  /** Descriptors of every tool (for listing and the HTTP API). */
  descriptors(createdAt?: string): ToolDescriptor[];
}

/**
 * Creates a registry.
 *
 * @throws ConfigurationError when two tools share a reference.
 */
export function createToolRegistry(tools: Iterable<Tool> = []): ToolRegistry {
  const byRef = new Map<ToolRef, Tool>();
  const register = (tool: Tool, fromList: boolean) => {
    const known = byRef.get(tool.ref);
    if (known === tool && !fromList) return;
    if (known !== undefined) {
      throw new ConfigurationError(
        `Tool "${tool.ref}" is registered twice; tool names must be unique within a service`,
      );
    }
    byRef.set(tool.ref, tool);
  };
  for (const tool of tools) register(tool, true);
  return {
    get tools() {
      return Object.freeze([...byRef.values()]);
    },
    get: (ref) => byRef.get(ref),
    has: (ref) => byRef.has(ref),
    resolve(refs) {
      const found = new Set<Tool>();
      const unknown = new Set<string>();
      for (const ref of refs) {
        const tool = byRef.get(ref);
        if (tool) found.add(tool);
        else unknown.add(ref);
      }
      return { tools: [...found], unknown: [...unknown] };
    },
    register: (tool) => register(tool, false),
    unregister: (ref) => byRef.delete(ref as ToolRef),
    descriptors: (createdAt) => [...byRef.values()].map((tool) => tool.descriptor(createdAt)),
  };
}
