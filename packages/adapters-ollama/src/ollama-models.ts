import { createCallDeadline, errorMessage, isRetryableStatus, ModelError } from '@conduct/core';
import { Ollama } from 'ollama/browser';
import type { OllamaContext } from './ollama-context.js';
import { connectionError, malformedResponse } from './ollama-errors.js';

/** One model installed in Ollama (`ollama list`). */
export interface OllamaModelInfo {
  /** Name to pass to `languageModel()` / `embedder()`, e.g. `llama3.2:latest`. */
  name: string;
  /** Size on disk in bytes. */
  sizeBytes: number;
  digest: string;
  /** ISO-8601 time the model was last pulled or changed, when reported. */
  modifiedAt: string | undefined;
  /** Model family, e.g. `llama`, `qwen2`, `nomic-bert`. */
  family: string | undefined;
  families: string[];
  /** Parameter count as Ollama writes it, e.g. `3.2B`. */
  parameterSize: string | undefined;
  /** Quantization, e.g. `Q4_K_M`. */
  quantizationLevel: string | undefined;
  /** File format, e.g. `gguf`. */
  format: string | undefined;
}

/** Cancellation of a helper request. */
export interface OllamaRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DEFAULT_LIST_TIMEOUT_MS = 10_000;
const DEFAULT_REACHABLE_TIMEOUT_MS = 1_000;

/**
 * The models installed in Ollama (`GET /api/tags`). Rejects with a `ModelError` when Ollama is
 * unreachable or answers with an error, `TimeoutError`/`AbortedError` on timeout or abort.
 */
export async function listOllamaModels(
  context: OllamaContext,
  options: OllamaRequestOptions = {},
): Promise<OllamaModelInfo[]> {
  const response = await withClient(
    context,
    options,
    'Listing Ollama models',
    DEFAULT_LIST_TIMEOUT_MS,
    (client) => client.list(),
  );
  if (!Array.isArray(response?.models)) {
    throw malformedResponse('no models list in /api/tags', {
      task: undefined,
      model: undefined,
      host: context.host,
    });
  }
  return response.models.map((entry) => {
    const details: Partial<(typeof entry)['details']> = entry.details ?? {};
    return {
      name: entry.name ?? entry.model,
      sizeBytes: typeof entry.size === 'number' ? entry.size : 0,
      digest: entry.digest ?? '',
      modifiedAt: entry.modified_at === undefined ? undefined : String(entry.modified_at),
      family: details.family || undefined,
      families: Array.isArray(details.families) ? details.families : [],
      parameterSize: details.parameter_size || undefined,
      quantizationLevel: details.quantization_level || undefined,
      format: details.format || undefined,
    };
  });
}

/**
 * Whether an Ollama server answers at the host (`GET /api/version`), within a short timeout
 * (default 1 s). Never throws: any failure, timeout or abort means `false`.
 */
export async function isOllamaReachable(
  context: OllamaContext,
  options: OllamaRequestOptions = {},
): Promise<boolean> {
  // Plain fetch rather than the client: the client logs to the console on non-JSON error
  // bodies, which is noise when whatever holds the port is not Ollama.
  const deadline = createCallDeadline(
    { signal: options.signal, timeoutMs: options.timeoutMs ?? DEFAULT_REACHABLE_TIMEOUT_MS },
    'Checking Ollama',
  );
  try {
    deadline.throwIfDone();
    const response = await deadline.race(
      context.fetch(`${context.host}/api/version`, {
        headers: { accept: 'application/json', ...context.headers },
        signal: deadline.signal,
      }),
    );
    if (!response.ok) return false;
    const body = (await deadline.race(response.json())) as { version?: unknown } | null;
    return typeof body?.version === 'string';
  } catch {
    return false;
  } finally {
    deadline.dispose();
  }
}

/**
 * Runs `work` with an `ollama` client whose every request carries this call's signal: the
 * client itself cannot cancel a non-streamed request, so a fresh, cheap client per call gets a
 * `fetch` bound to the call's deadline.
 */
async function withClient<T>(
  context: OllamaContext,
  options: OllamaRequestOptions,
  operation: string,
  defaultTimeoutMs: number,
  work: (client: Ollama) => Promise<T>,
): Promise<T> {
  const deadline = createCallDeadline(
    { signal: options.signal, timeoutMs: options.timeoutMs ?? defaultTimeoutMs },
    operation,
  );
  const boundFetch: typeof fetch = (input, init) =>
    context.fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal,
    });
  try {
    deadline.throwIfDone();
    const client = new Ollama({
      host: context.host,
      fetch: boundFetch,
      headers: { ...context.headers },
    });
    return await deadline.race(work(client));
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.mapError(error);
    throw clientError(error, context.host);
  } finally {
    deadline.dispose();
  }
}

/** Maps what the `ollama` client throws (`ResponseError` with `status_code`, fetch errors). */
function clientError(error: unknown, host: string): ModelError {
  const label = { task: undefined, model: undefined, host };
  if (error instanceof SyntaxError) {
    return malformedResponse(`expected JSON (${error.message})`, label, error);
  }
  const status = (error as { status_code?: unknown } | null)?.status_code;
  if (typeof status !== 'number') return connectionError(error, label);
  const message = errorMessage(error);
  return new ModelError(
    `Ollama at ${host} answered ${status}: ${message}`,
    {
      status,
      isRetryable: isRetryableStatus(status),
    },
    { cause: error },
  );
}
