/** An error answer of the API, with its `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${status}: ${detail}`);
  }

  /** Whether the API refused for want of (valid) credentials. */
  get needsKey(): boolean {
    return this.status === 401 || (this.status === 403 && /Authorization failed/.test(this.detail));
  }
}

const KEY_STORAGE = 'conduct.studio.apiKey';

type KeyListener = () => void;

/**
 * The REST client of the studio: same origin, JSON in and out, the API key (when one was
 * typed in) as a bearer credential. A refusal for want of a key tells `onKeyNeeded` listeners,
 * which ask the person for one.
 */
export class ApiClient {
  private key: string | null;
  private readonly keyListeners = new Set<KeyListener>();

  constructor(private readonly base: string) {
    this.key = sessionStorage.getItem(KEY_STORAGE) ?? localStorage.getItem(KEY_STORAGE);
  }

  /** Whether a key is set. */
  get hasKey(): boolean {
    return this.key !== null;
  }

  /** Sets (or with `null`, forgets) the API key; `remember` keeps it across browser restarts. */
  setKey(key: string | null, remember = false): void {
    this.key = key;
    sessionStorage.removeItem(KEY_STORAGE);
    localStorage.removeItem(KEY_STORAGE);
    if (key !== null) (remember ? localStorage : sessionStorage).setItem(KEY_STORAGE, key);
  }

  /** Calls `listener` whenever the API asks for a key; returns the unsubscribe function. */
  onKeyNeeded(listener: KeyListener): () => void {
    this.keyListeners.add(listener);
    return () => this.keyListeners.delete(listener);
  }

  /** Headers of every request (the bearer credential). */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.key === null ? extra : { ...extra, authorization: `Bearer ${this.key}` };
  }

  /** The absolute URL of an API path. */
  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).toString();
  }

  /** Sends a request and parses the JSON answer (`undefined` for 204). */
  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await fetch(this.url(path), {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) throw await this.errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** The error of a failed answer; tells key listeners when a key is what is missing. */
  async errorOf(response: Response): Promise<ApiError> {
    let detail = response.statusText;
    try {
      const body = (await response.json()) as { detail?: unknown };
      if (body.detail !== undefined) {
        detail = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
      }
    } catch {
      // Not JSON: the status text says enough.
    }
    const error = new ApiError(response.status, detail);
    if (error.needsKey) for (const listener of this.keyListeners) listener();
    return error;
  }
}

/** The client of the API this page was served by. */
export const api = new ApiClient(new URL('./', window.location.href).toString());
