import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { followSessionEvents } from '../api/event-stream.js';
import type { SessionEvent } from '../api/types.js';

/** A session's events in offset order (each at its latest revision), live. */
export function useSessionEvents(sessionId: string | undefined): {
  events: SessionEvent[];
  error: unknown;
} {
  const [events, setEvents] = useState<SessionEvent[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    setEvents([]);
    setError(undefined);
    if (sessionId === undefined) return;
    const controller = new AbortController();
    const byId = new Map<string, SessionEvent>();
    followSessionEvents({
      client: api,
      sessionId,
      signal: controller.signal,
      onEvent: (event) => {
        const known = byId.get(event.id);
        if (known !== undefined && (known.revision ?? 0) > (event.revision ?? 0)) return;
        byId.set(event.id, event);
        setError(undefined);
        setEvents([...byId.values()].filter((e) => !e.deleted).sort((a, b) => a.offset - b.offset));
      },
      onError: setError,
    }).catch(setError);
    return () => controller.abort();
  }, [sessionId]);
  return { events, error };
}
