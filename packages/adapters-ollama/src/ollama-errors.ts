import { ConductError, errorMessage, httpRetryAdvice, ModelError } from '@conduct/core';

/** What an error message needs to say which call failed. */
export interface CallLabel {
  task: string | undefined;
  /** Model id; absent for requests about no model in particular (listing models). */
  model: string | undefined;
  host: string;
}

/**
 * Maps a non-2xx response of the Ollama REST API (`{"error": "..."}`) to a `ModelError`, with
 * `isRetryable` and `retryAfterMs` as core's `httpRetryAdvice` decides (408, 409, 425, 429 and
 * 5xx are retried). A 404 about the model means it is not installed, so the message says how to
 * install it.
 */
export async function errorFromResponse(response: Response, label: CallLabel): Promise<ModelError> {
  const detail = await readErrorDetail(response);
  const { status } = response;
  const details = {
    task: label.task,
    model: label.model,
    status,
    ...httpRetryAdvice({ status, headers: response.headers }),
  };
  // Only Ollama's own "model ... not found" counts: a bare "404 page not found" means a wrong
  // path (a proxy, or an Ollama too old for the endpoint), which pulling would not fix.
  if (status === 404 && label.model !== undefined && /model\b.*not found/i.test(detail)) {
    return new ModelError(
      `Ollama model '${label.model}' is not available at ${label.host} (${detail}); install it with \`ollama pull ${label.model}\``,
      details,
    );
  }
  return new ModelError(
    `Ollama at ${label.host} answered ${status}${detail ? `: ${detail}` : ''}${subject(label)}`,
    details,
  );
}

/**
 * Maps a failure to reach the server at all (connection refused, reset, DNS) to a retryable
 * `ModelError`: a local Ollama that is restarting or still loading answers again shortly.
 */
export function connectionError(error: unknown, label: CallLabel): ModelError {
  const code = errorCode(error);
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : (code ?? errorMessage(error));
  return new ModelError(
    `Cannot reach Ollama at ${label.host} (${reason})${subject(label)}; is it running (\`ollama serve\`) and is OLLAMA_HOST right?`,
    { task: label.task, model: label.model, isRetryable: true },
    { cause: error },
  );
}

/**
 * A streamed answer that broke off after `received` characters: the connection failed
 * (`cause`) or closed before the `done` line. Retryable, as a connection failure is.
 */
export function streamCutOff(received: number, label: CallLabel, cause?: unknown): ModelError {
  const how =
    cause === undefined
      ? 'the stream ended before `done`'
      : `the connection failed (${errorCode(cause) ?? errorMessage(cause)})`;
  return new ModelError(
    `Ollama's stream${subject(label)} was cut off after ${received} characters: ${how}`,
    { task: label.task, model: label.model, isRetryable: true },
    cause === undefined ? undefined : { cause },
  );
}

/** An `{"error": ...}` line inside a 200 NDJSON stream: the model failed while generating. */
export function streamError(message: string, label: CallLabel): ModelError {
  return new ModelError(`Ollama failed while streaming${subject(label)}: ${message}`, {
    task: label.task,
    model: label.model,
    isRetryable: true,
  });
}

/**
 * The error a failed call rejects with: Conduct errors (everything the adapter raises itself)
 * pass unchanged; anything else becomes a non-retryable `ModelError` naming the call.
 */
export function toConductError(error: unknown, label: CallLabel): unknown {
  if (ConductError.isInstance(error)) return error;
  return new ModelError(
    `Ollama call${subject(label)} failed: ${errorMessage(error)}`,
    { task: label.task, model: label.model },
    { cause: error },
  );
}

/** A 2xx answer that is not what the API promises (a proxy's HTML page, a cut-off body, …). */
export function malformedResponse(what: string, label: CallLabel, cause?: unknown): ModelError {
  return new ModelError(
    `Ollama at ${label.host} sent a malformed response${subject(label)}: ${what}`,
    { task: label.task, model: label.model, isRetryable: false },
    cause === undefined ? undefined : { cause },
  );
}

async function readErrorDetail(response: Response): Promise<string> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    return response.statusText;
  }
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const { error } = body as { error: unknown };
      if (typeof error === 'string') return error;
    }
  } catch {
    // Not JSON (a proxy's page): the text itself is the best detail there is.
  }
  return text.trim().slice(0, 300) || response.statusText;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** ` (model 'x', task 'y')`, or what of it is known. */
function subject(label: CallLabel): string {
  const parts = [
    ...(label.model === undefined ? [] : [`model '${label.model}'`]),
    ...(label.task === undefined ? [] : [`task '${label.task}'`]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
