import { ConductError } from '@conduct/core';

/** The server answered a request with an error status. */
export class ServerResponseError extends ConductError {
  static readonly code = 'server_response';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The answer's `detail` (or body) as text. */
  readonly detail: string;

  constructor(details: {
    status: number;
    method: string;
    path: string;
    detail: string;
    url: string;
  }) {
    super(
      ServerResponseError.code,
      `${details.method} ${details.path} on ${details.url} answered ${details.status}: ${details.detail}`,
    );
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.detail = details.detail;
  }
}

/** The server could not be reached at all (nothing listening, a bad host, TLS…). */
export class ServerUnreachableError extends ConductError {
  static readonly code = 'server_unreachable';
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(
      ServerUnreachableError.code,
      `Cannot reach a Conduct server at ${url}: ${reasonOf(cause)} (is it running? \`pnpm start\` serves http://127.0.0.1:8800)`,
      { cause },
    );
    this.url = url;
  }
}

/** Options of {@link RestClient}. */
export interface RestClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8800`. */
  url: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Sent with every request (e.g. `Authorization`). */
  headers?: Record<string, string>;
}

/** A request of {@link RestClient.request}. */
export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/** A JSON-over-HTTP client for Conduct's REST API: errors say which request failed and why. */
export class RestClient {
  readonly url: string;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;

  constructor(options: RestClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#headers = options.headers ?? {};
  }

  /** Sends a request and parses its JSON answer; `undefined` for an empty body. */
  async request<T>(request: RestRequest): Promise<T> {
    return this.read<T>(await this.send(request), request);
  }

  /** Parses the JSON answer of `request`, or throws {@link ServerResponseError} for an error status. */
  async read<T>(response: Response, request: Pick<RestRequest, 'method' | 'path'>): Promise<T> {
    const text = await response.text();
    if (!response.ok) {
      throw new ServerResponseError({
        status: response.status,
        method: request.method,
        path: request.path,
        detail: detailOf(text),
        url: this.url,
      });
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Sends a request and returns the response as it came (any status). */
  async send(request: RestRequest): Promise<Response> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.set(key, String(value));
    }
    const search = query.size > 0 ? `?${query}` : '';
    const headers: Record<string, string> = { ...this.#headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.#fetch(`${this.url}${request.path}${search}`, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new ServerUnreachableError(this.url, error);
    }
  }
}

function detailOf(text: string): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
    if (body.detail !== undefined) return JSON.stringify(body.detail);
  } catch {
    // Not JSON: the text is the detail.
  }
  return text.trim() === '' ? '(empty body)' : text.slice(0, 500);
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the cause says what did (ECONNREFUSED…).
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code === undefined ? cause.message : `${code} (${cause.message})`;
  }
  return error.message;
}
