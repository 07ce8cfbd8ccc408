import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { Session } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';

type Sender = 'customer' | 'human_agent' | 'human_agent_on_behalf_of_ai_agent';

/** Props of {@link Composer}. */
export interface ComposerProps {
  session: Session;
  onSessionChange: (session: Session) => void;
}

/**
 * Writes a message as the customer — or, once a human took the session over, as the human agent
 * (in their own name or in the agent's). Enter sends, Shift+Enter starts a new line.
 */
export function Composer({ session, onSessionChange }: ComposerProps) {
  const [text, setText] = useState('');
  const [sender, setSender] = useState<Sender>('customer');
  const [humanName, setHumanName] = useState('Support');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const manual = session.mode === 'manual';

  const send = async () => {
    const message = text.trim();
    if (message === '' || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`sessions/${encodeURIComponent(session.id)}/events`, {
        kind: 'message',
        source: sender,
        message,
        ...(sender === 'human_agent' ? { participant: { display_name: humanName } } : {}),
      });
      setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const setMode = async (mode: 'auto' | 'manual') => {
    setError(undefined);
    try {
      onSessionChange(
        await api.patch<Session>(`sessions/${encodeURIComponent(session.id)}`, { mode }),
      );
      setSender(mode === 'manual' ? 'human_agent' : 'customer');
    } catch (failure) {
      setError(failure);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send().catch(setError);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send().catch(setError);
    }
  };
  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-options">
        <label>
          Send as{' '}
          <select value={sender} onChange={(event) => setSender(event.target.value as Sender)}>
            <option value="customer">Customer</option>
            <option value="human_agent">Human agent</option>
            <option value="human_agent_on_behalf_of_ai_agent">Human, as the agent</option>
          </select>
        </label>
        {sender === 'human_agent' && (
          <label>
            Name <input value={humanName} onChange={(event) => setHumanName(event.target.value)} />
          </label>
        )}
        <span className="mode" data-testid="session-mode">
          {manual ? 'A human is handling this session' : 'The agent answers'}
        </span>
        <button
          type="button"
          onClick={() => {
            setMode(manual ? 'auto' : 'manual').catch(setError);
          }}
        >
          {manual ? 'Hand back to the agent' : 'Take over as a human'}
        </button>
      </div>
      <div className="composer-row">
        <textarea
          aria-label="Message"
          placeholder={
            sender === 'customer' ? 'Write as the customer…' : 'Write as the human agent…'
          }
          value={text}
          rows={2}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          Send
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
