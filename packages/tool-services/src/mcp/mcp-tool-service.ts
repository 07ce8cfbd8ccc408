import type { ToolService, ToolServiceTool } from '@conduct/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { publicUrl } from '../public-url.js';
import { type McpCallResult, toToolResult } from './mcp-result.js';

/** An MCP server reached over streamable HTTP. */
export interface McpHttpServer {
  /** The server's MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  url: string;
  /** Sent with every request (an `Authorization` header, an API key). */
  headers?: Record<string, string>;
}

/** An MCP server started as a child process speaking MCP over stdio. */
export interface McpStdioServer {
  command: string;
  args?: string[];
  /** Environment of the child; the SDK's safe default (PATH, HOME, …) when omitted. */
  env?: Record<string, string>;
  cwd?: string;
  /** What happens to the child's stderr; default `inherit`. */
  stderr?: 'inherit' | 'ignore' | 'pipe';
}

/** Options of {@link createMcpToolService}. */
export type McpToolServiceOptions = (McpHttpServer | McpStdioServer) & {
  /** Service name: the `service` part of the tools' `"service:tool"` references. */
  name: string;
  /** Limit for connecting and listing tools, in milliseconds. Default 30 s. */
  connectTimeoutMs?: number;
  /**
   * What the HTTP API shows as the service's `url` (e.g. a command line before `${VAR}`
   * expansion). Default: the URL without user info and query, or the command and its arguments.
   */
  displayUrl?: string;
};

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
// Calls are bounded by the tool's own timeout (its signal), not by the SDK's 60 s default.
const UNBOUNDED_REQUEST_MS = 2_147_483_647;

function isHttp(options: McpToolServiceOptions): options is McpHttpServer & McpToolServiceOptions {
  return 'url' in options && typeof options.url === 'string';
}

function transportFor(options: McpToolServiceOptions): Transport {
  if (isHttp(options)) {
    return new StreamableHTTPClientTransport(new URL(options.url), {
      requestInit: { headers: { ...options.headers } },
    });
  }
  return new StdioClientTransport({
    command: options.command,
    ...(options.args === undefined ? {} : { args: options.args }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stderr: options.stderr ?? 'inherit',
  });
}

/**
 * True when the request never reached a live session, so sending it again cannot run the tool
 * twice: the server forgot our session (it restarted: 404) or refused the connection.
 */
function neverDelivered(error: unknown): boolean {
  if (error instanceof StreamableHTTPError) return error.code === 404;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return error instanceof TypeError && cause?.code === 'ECONNREFUSED';
}

/**
 * A {@link ToolService} over an MCP server (the official SDK's client), over streamable HTTP
 * (`url`) or stdio (`command`). Connects lazily; after the server restarted or the connection
 * went stale it reconnects on the next request (resending a request only when it provably never
 * reached the server) and announces a tool-list change; the server's own `list_changed`
 * notifications are passed on too.
 */
export function createMcpToolService(options: McpToolServiceOptions): ToolService {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const listeners = new Set<() => void>();
  const announce = () => {
    for (const listener of listeners) listener();
  };
  let connection: Promise<Client> | undefined;
  let activeClient: Client | undefined;
  let connectedBefore = false;
  let closed = false;

  const connect = async (): Promise<Client> => {
    const client = new Client({ name: 'conduct', version: '1.0.0' });
    client.setNotificationHandler(ToolListChangedNotificationSchema, announce);
    // A stdio server that exits closes the transport: the next request starts it again.
    client.onclose = () => {
      if (activeClient !== client) return;
      activeClient = undefined;
      connection = undefined;
    };
    await client.connect(transportFor(options), { timeout: connectTimeoutMs });
    activeClient = client;
    if (connectedBefore) queueMicrotask(announce);
    connectedBefore = true;
    return client;
  };

  const ensure = (): Promise<Client> => {
    if (closed) return Promise.reject(new Error(`MCP service "${options.name}" is closed`));
    if (connection === undefined) {
      const pending = connect();
      connection = pending;
      // A failed connect is forgotten so the next request tries again.
      pending.catch(() => {
        if (connection === pending) connection = undefined;
      });
    }
    return connection;
  };

  const drop = async (stale: Promise<Client>) => {
    if (connection === stale) connection = undefined;
    await stale.then((client) => client.close()).catch(() => {});
  };

  const withRetry = async <T>(request: (client: Client) => Promise<T>): Promise<T> => {
    const attempt = ensure();
    try {
      return await request(await attempt);
    } catch (error) {
      if (!neverDelivered(error)) throw error;
      await drop(attempt);
      return request(await ensure());
    }
  };

  return {
    name: options.name,
    kind: 'mcp',
    url:
      options.displayUrl ??
      (isHttp(options)
        ? publicUrl(options.url)
        : [options.command, ...(options.args ?? [])].join(' ')),
    async listTools({ signal } = {}) {
      return withRetry(async (client) => {
        const tools: ToolServiceTool[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor === undefined ? {} : { cursor }, {
            timeout: connectTimeoutMs,
            ...(signal === undefined ? {} : { signal }),
          });
          for (const tool of page.tools) {
            const annotations = tool.annotations;
            tools.push({
              name: tool.name,
              description: tool.description ?? annotations?.title ?? tool.title ?? '',
              inputSchema: tool.inputSchema as Record<string, unknown>,
              consequential:
                annotations?.readOnlyHint !== true && annotations?.destructiveHint === true,
            });
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return tools;
      });
    },
    async callTool({ tool, args, context }) {
      const result = await withRetry((client) =>
        client.callTool({ name: tool, arguments: args }, undefined, {
          signal: context.signal,
          timeout: UNBOUNDED_REQUEST_MS,
        }),
      );
      return toToolResult(result as McpCallResult);
    },
    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      const current = connection;
      connection = undefined;
      if (current) await current.then((client) => client.close()).catch(() => {});
    },
  };
}
