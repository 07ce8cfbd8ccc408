import { lazy, Suspense, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Session } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';
import { navigate } from '../ui/use-hash-route.js';
import { Composer } from './composer.js';
import { SessionPicker } from './session-picker.js';
import { Transcript } from './transcript.js';
import { describeStatus, latestTurnStatus } from './turn-status.js';
import { useSessionEvents } from './use-session-events.js';

// The inspector (with the journey graph's layout) loads when a reply is first explained.
const Inspector = lazy(() =>
  import('../inspector/inspector.js').then((module) => ({ default: module.Inspector })),
);

/** The chat: sessions on the left, the conversation, and why a reply was given on the right. */
export function ChatPage({ sessionId, traceId }: { sessionId?: string; traceId?: string }) {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setSession(undefined);
    setError(undefined);
    if (sessionId === undefined) return;
    const controller = new AbortController();
    api
      .get<Session>(`sessions/${encodeURIComponent(sessionId)}`, controller.signal)
      .then(setSession, (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [sessionId]);
  const { events, error: streamError } = useSessionEvents(session?.id);
  const status = latestTurnStatus(events);
  const words = describeStatus(status);
  const why = (trace: string) =>
    navigate(['chat', sessionId ?? ''], { trace: trace === traceId ? undefined : trace });
  return (
    <div className={`chat-page${traceId ? ' with-inspector' : ''}`}>
      <SessionPicker current={session} />
      <section className="conversation" aria-label="Chat">
        <ErrorNote error={error} />
        {session === undefined && sessionId === undefined && (
          <div className="empty">
            <h2>Talk to an agent</h2>
            <p>
              Pick an agent and a customer on the left, then start a <strong>New session</strong>.
              Once the agent answers, click <strong>Why this reply?</strong> under its message to
              see which guidelines matched and why, the journey, the tool calls and the model calls.
            </p>
          </div>
        )}
        {session && (
          <>
            <Transcript events={events} selectedTrace={traceId} onWhy={why} />
            <p className={`turn-status ${status.state}`} data-testid="turn-status" role="status">
              {words}
            </p>
            <ErrorNote error={streamError} />
            <Composer session={session} onSessionChange={setSession} />
          </>
        )}
      </section>
      {session && traceId && (
        <Suspense fallback={<aside className="inspector">Loading…</aside>}>
          <Inspector
            sessionId={session.id}
            traceId={traceId}
            onClose={() => navigate(['chat', session.id])}
          />
        </Suspense>
      )}
    </div>
  );
}
