import { ConfigurationError } from '@conduct/core';

/** Where Ollama listens when nothing says otherwise. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

const DEFAULT_PORT = '11434';

/**
 * Turns an `OLLAMA_HOST`-style value into a base URL without a trailing slash, the way the
 * `ollama` CLI reads it: no scheme means `http` on port 11434 (`localhost` →
 * `http://localhost:11434`, `:8080` → `http://127.0.0.1:8080`), an explicit scheme without a port
 * means that scheme's port (`https://ollama.example.com` → port 443), and a path is kept (for
 * reverse proxies). Empty or missing values give {@link DEFAULT_OLLAMA_HOST}. Throws
 * `ConfigurationError` for values that are not a host.
 */
export function resolveOllamaHost(value?: string): string {
  const raw = value?.trim() ?? '';
  if (raw === '') return DEFAULT_OLLAMA_HOST;
  const explicitScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  const withHost = raw.startsWith(':') ? `127.0.0.1${raw}` : raw;
  let url: URL;
  try {
    url = new URL(explicitScheme ? withHost : `http://${withHost}`);
  } catch (error) {
    throw invalidHost(raw, error);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidHost(raw);
  if (url.hostname === '') throw invalidHost(raw);
  // `0.0.0.0` is how the server is told to listen everywhere; as a client address it means this
  // machine (and connecting to it fails on some systems), so it becomes loopback.
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  if (!explicitScheme && url.port === '' && !hasExplicitPort(withHost)) url.port = DEFAULT_PORT;
  const path = url.pathname.replace(/\/+$/, '');
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${auth}${url.host}${path}`;
}

/**
 * The host the provider talks to: `host` when given, else the `OLLAMA_HOST` environment
 * variable, else {@link DEFAULT_OLLAMA_HOST}.
 */
export function ollamaHostFromEnv(host?: string): string {
  return resolveOllamaHost(host ?? readEnv('OLLAMA_HOST'));
}

function hasExplicitPort(hostPort: string): boolean {
  // `new URL('http://localhost:80')` reports no port (80 is http's default), yet the user said 80.
  const authority = hostPort.split('/')[0] ?? '';
  return /:\d+$/.test(authority);
}

function readEnv(name: string): string | undefined {
  // Guarded so the adapter also loads where `process` does not exist (edge runtimes).
  return typeof process === 'undefined' ? undefined : process.env[name];
}

function invalidHost(value: string, cause?: unknown): ConfigurationError {
  return new ConfigurationError(
    `Invalid Ollama host '${value}': expected host[:port] or http(s)://host[:port][/path], e.g. localhost:11434`,
    cause === undefined ? undefined : { cause },
  );
}
