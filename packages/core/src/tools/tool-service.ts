import type { ToolDescriptor } from '../domain/tool.js';
import type { ToolContext } from './tool-context.js';
import type { ToolReturn } from './tool-result.js';

/** One tool as a tool service lists it: its own name and a JSON Schema of its arguments. */
export interface ToolServiceTool {
  /** The name the service knows the tool by (sent back in {@link ToolServiceCall.tool}). */
  name: string;
  description?: string;
  /** JSON Schema of the arguments: an object schema (`type: "object"`, `properties`, `required`). */
  inputSchema: Record<string, unknown>;
  /** True when the tool changes something in the world; default false. */
  consequential?: boolean;
}

/** A call {@link ToolService.callTool} receives: arguments already validated against the schema. */
export interface ToolServiceCall {
  /** The tool's name as the service listed it. */
  tool: string;
  args: Record<string, unknown>;
  /** Who the call runs for, and the signal aborted on timeout or cancellation. */
  context: ToolContext;
}

/**
 * A source of tools outside the process: an MCP server, an OpenAPI document, … The engine never
 * talks to one directly: {@link createToolServices} turns its tools into ordinary tools in the
 * registry, so guidelines, journey tool states and variable refreshes use them like any other.
 * Implementations live outside core (see the tool-services package).
 */
export interface ToolService {
  /** Service name: the `service` part of `"service:tool"` references. */
  readonly name: string;
  /** What kind of service this is (`mcp`, `openapi`, …), as the HTTP API reports it. */
  readonly kind: string;
  /** Where the service lives, as the HTTP API reports it (a URL or a command line). */
  readonly url: string;
  /** The tools the service offers now. Connects (or reconnects) when needed. */
  listTools(options?: { signal?: AbortSignal }): Promise<ToolServiceTool[]>;
  /** Runs one tool. Throwing fails this call only (the model sees the message). */
  callTool(call: ToolServiceCall): Promise<ToolReturn>;
  /**
   * Subscribes to "the tool list changed" announcements (an MCP `list_changed` notification,
   * a reconnect); returns the unsubscribe function. Optional: without it the list is read once.
   */
  onToolsChanged?(listener: () => void): () => void;
  /** Disconnects and releases what the service holds (child processes, sockets). */
  close(): Promise<void>;
}

/** What the HTTP API and listings show of a registered tool service. */
export interface ToolServiceSummary {
  name: string;
  kind: string;
  url: string;
  /** Descriptors of the service's tools currently in the registry. */
  tools: ToolDescriptor[];
}
