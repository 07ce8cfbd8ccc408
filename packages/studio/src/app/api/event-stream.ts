import type { ApiClient } from './client.js';
import type { MessageData, SessionEvent } from './types.js';

/** Options of {@link followSessionEvents}. */
export interface FollowOptions {
  client: ApiClient;
  sessionId: string;
  /** Called with every event, and again with each newer revision of a streamed message. */
  onEvent: (event: SessionEvent) => void;
  /** Called when the stream fails (it is retried after a pause). */
  onError: (error: unknown) => void;
  signal: AbortSignal;
}

const IDLE_SECONDS = 30;
const RETRY_MS = 2000;

/** Whether a message is still being streamed (its chunks do not end with `null` yet). */
export function isStreaming(event: SessionEvent): boolean {
  if (event.kind !== 'message') return false;
  const chunks = (event.data as MessageData).chunks;
  return chunks !== undefined && chunks.at(-1) !== null;
}

/**
 * Follows a session's events over SSE (`GET /sessions/{id}/events/stream`, which also sends
 * each in-place update of a streamed message). `fetch` reads the stream rather than
 * `EventSource`, because `EventSource` cannot send the API key. The server closes the stream
 * after a while without events; it is reopened from the first offset still of interest.
 */
export async function followSessionEvents(options: FollowOptions): Promise<void> {
  const { client, sessionId, onEvent, signal } = options;
  let next = 0;
  const open = new Map<string, number>(); // streamed messages not complete yet: id → offset
  const receive = (event: SessionEvent) => {
    next = Math.max(next, event.offset + 1);
    if (isStreaming(event)) open.set(event.id, event.offset);
    else open.delete(event.id);
    onEvent(event);
  };
  while (!signal.aborted) {
    const from = Math.min(next, ...open.values());
    try {
      const response = await fetch(
        client.url(
          `sessions/${encodeURIComponent(sessionId)}/events/stream?min_offset=${from}&wait_for_data=${IDLE_SECONDS}`,
        ),
        { headers: client.headers({ accept: 'text/event-stream' }), signal },
      );
      if (!response.ok || response.body === null) throw await client.errorOf(response);
      await readSse(response.body, (data) => receive(JSON.parse(data) as SessionEvent));
    } catch (error) {
      if (signal.aborted) return;
      options.onError(error);
      await pause(RETRY_MS, signal);
    }
  }
}

/** Reads `data:` fields of an SSE body, one call per message. */
async function readSse(body: ReadableStream<Uint8Array>, onData: (data: string) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.search(/\r?\n\r?\n/);
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data !== '') onData(data);
      end = buffer.search(/\r?\n\r?\n/);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
