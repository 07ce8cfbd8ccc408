import type { ToolResult, ToolService } from '@conduct/core';
import { parse as parseYaml } from 'yaml';
import { publicUrl } from '../public-url.js';
import { type Operation, operationsOf } from './operations.js';
import { isObject, type JsonObject } from './resolve-refs.js';

/** Options of {@link createOpenApiToolService}. */
export interface OpenApiToolServiceOptions {
  /** Service name: the `service` part of the tools' `"service:tool"` references. */
  name: string;
  /**
   * The OpenAPI 3 document: an `http(s)` URL to fetch it from, its text (JSON or YAML), or the
   * parsed object.
   */
  source: string | JsonObject;
  /**
   * Base URL of the API the operations are sent to. Default: the document's first `servers`
   * entry (resolved against the document URL), else the document URL's origin.
   */
  baseUrl?: string;
  /** Sent with every API call (an `Authorization` header, an API key). */
  headers?: Record<string, string>;
  /** Sent when fetching the document. Default: {@link headers}. */
  documentHeaders?: Record<string, string>;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /**
   * What the HTTP API shows as the service's `url`. Default: the base URL (else the document
   * URL) without user info and query.
   */
  displayUrl?: string;
  /** Largest document accepted from a URL, in bytes. Default {@link MAX_DOCUMENT_BYTES}. */
  maxDocumentBytes?: number;
}

/** Default cap on a fetched OpenAPI document (5 MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Reads a response's text, failing once it grows past `limit` bytes (without reading the rest). */
async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw new Error(`the OpenAPI document is larger than ${limit} bytes`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`the OpenAPI document is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface Loaded {
  operations: Map<string, Operation>;
  baseUrl: string;
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

function parseDocument(text: string): JsonObject {
  const parsed: unknown = parseYaml(text);
  if (
    !isObject(parsed) ||
    (typeof parsed.openapi !== 'string' && typeof parsed.swagger !== 'string')
  ) {
    throw new Error('not an OpenAPI document (no "openapi" version field)');
  }
  if (typeof parsed.swagger === 'string') {
    throw new Error('Swagger 2.0 documents are not supported; convert it to OpenAPI 3');
  }
  return parsed;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function baseUrlOf(document: JsonObject, options: OpenApiToolServiceOptions): string {
  if (options.baseUrl !== undefined) return options.baseUrl;
  const documentUrl =
    typeof options.source === 'string' && isUrl(options.source) ? options.source : undefined;
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const first = servers.find((server) => isObject(server) && typeof server.url === 'string') as
    | { url: string }
    | undefined;
  if (first) {
    if (!URL.canParse(first.url, documentUrl)) {
      throw new Error(
        `the document's server URL "${first.url}" is relative: give the API base URL`,
      );
    }
    return new URL(first.url, documentUrl).toString();
  }
  if (documentUrl) return new URL(documentUrl).origin;
  throw new Error('the document has no "servers" entry: give the API base URL');
}

/** The request of one call: path parameters filled in, the rest in the query, headers or body. */
function requestOf(operation: Operation, args: Record<string, unknown>, baseUrl: string) {
  let path = operation.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let body: unknown;
  const fields: JsonObject = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    switch (operation.places.get(name)) {
      case 'path':
        // URL parsing treats "." and ".." (even percent-encoded) as dot segments: such a value
        // would reach another path of the API with the configured credentials.
        if (text === '.' || text === '..') {
          throw new Error(`path parameter "${name}" cannot be "${text}"`);
        }
        path = path.replaceAll(`{${name}}`, encodeURIComponent(text));
        break;
      case 'query':
        for (const item of Array.isArray(value) ? value : [value]) {
          query.append(name, typeof item === 'string' ? item : JSON.stringify(item));
        }
        break;
      case 'header':
        headers[name] = text;
        break;
      case 'body':
        body = value;
        break;
      default:
        fields[name] = value;
    }
  }
  if (Object.keys(fields).length > 0) body = fields;
  const url = new URL(baseUrl.replace(/\/?$/, '/') + path.replace(/^\//, ''));
  for (const [key, value] of query) url.searchParams.append(key, value);
  return { url, headers, body };
}

/**
 * A {@link ToolService} over an OpenAPI 3 document: each operation is a tool named by its
 * `operationId` whose arguments are its parameters and JSON body fields (schemas from the
 * document, local `$ref`s resolved); calling it sends the HTTP request and the response body is
 * the result. A non-2xx answer fails the call with its status and body. Operations other than
 * GET/HEAD/OPTIONS are marked consequential.
 */
export function createOpenApiToolService(options: OpenApiToolServiceOptions): ToolService {
  const fetchImpl = options.fetch ?? fetch;
  let loaded: Promise<Loaded> | undefined;

  const load = async (signal?: AbortSignal): Promise<Loaded> => {
    const { source } = options;
    let document: JsonObject;
    if (typeof source !== 'string') document = source;
    else if (isUrl(source)) {
      const response = await fetchImpl(source, {
        headers: { ...(options.documentHeaders ?? options.headers) },
        ...(signal === undefined ? {} : { signal }),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`fetching the OpenAPI document answered ${response.status}`);
      }
      document = parseDocument(
        await readCapped(response, options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES),
      );
    } else document = parseDocument(source);
    const operations = new Map(operationsOf(document).map((op) => [op.tool.name, op]));
    return { operations, baseUrl: baseUrlOf(document, options) };
  };

  return {
    name: options.name,
    kind: 'openapi',
    url:
      options.displayUrl ??
      publicUrl(
        options.baseUrl ??
          (typeof options.source === 'string' && isUrl(options.source) ? options.source : ''),
      ),
    async listTools({ signal } = {}) {
      // Listing re-reads the document, so a refresh picks up a changed API.
      const pending = load(signal);
      const result = await pending;
      loaded = pending;
      return [...result.operations.values()].map((operation) => operation.tool);
    },
    async callTool({ tool, args, context }): Promise<ToolResult> {
      loaded ??= load();
      const { operations, baseUrl } = await loaded;
      const operation = operations.get(tool);
      if (!operation) throw new Error(`the API has no operation "${tool}"`);
      const request = requestOf(operation, args, baseUrl);
      const response = await fetchImpl(request.url, {
        method: operation.method.toUpperCase(),
        headers: {
          accept: 'application/json, */*',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: context.signal,
      });
      const data = await readBody(response);
      if (!response.ok) {
        const detail = typeof data === 'string' ? data : JSON.stringify(data);
        throw new Error(`HTTP ${response.status}: ${detail.slice(0, 500)}`);
      }
      return { data };
    },
    async close() {
      loaded = undefined;
    },
  };
}
