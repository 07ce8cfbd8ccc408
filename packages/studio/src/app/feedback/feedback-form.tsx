import { type FormEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { EntityRef, Feedback, Subject } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';

type Correction = 'should-match' | 'should-not-match' | '';

/** Props of {@link FeedbackForm}. */
export interface FeedbackFormProps {
  sessionId: string;
  /** The agent message judged. */
  eventId: string;
  /** The guidelines the turn considered, and whether each matched. */
  guidelines: { entity: EntityRef; matched: boolean; subject: Subject | undefined }[];
  onSaved: (feedback: Feedback) => void;
}

/**
 * Feedback on one reply: good or bad, a comment, and what should have happened instead (which
 * guidelines should or should not have matched, the reply that should have been sent).
 */
export function FeedbackForm({ sessionId, eventId, guidelines, onSaved }: FeedbackFormProps) {
  const [rating, setRating] = useState<'good' | 'bad'>('good');
  const [comment, setComment] = useState('');
  const [expected, setExpected] = useState('');
  const [corrections, setCorrections] = useState<Record<string, Correction>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const pick = (wanted: Correction) =>
    Object.entries(corrections)
      .filter(([, value]) => value === wanted)
      .map(([id]) => id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const shouldMatch = pick('should-match');
      const shouldNotMatch = pick('should-not-match');
      const saved = await api.post<Feedback>(`sessions/${encodeURIComponent(sessionId)}/feedback`, {
        event_id: eventId,
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(shouldMatch.length + shouldNotMatch.length > 0 || expected.trim()
          ? {
              corrections: {
                guidelines: { should_match: shouldMatch, should_not_match: shouldNotMatch },
                ...(expected.trim() ? { expected_reply: expected.trim() } : {}),
              },
            }
          : {}),
      });
      setComment('');
      setExpected('');
      setCorrections({});
      onSaved(saved);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="feedback-form"
      onSubmit={(event) => {
        submit(event).catch(setError);
      }}
    >
      <fieldset className="rating">
        <legend>Was this reply right?</legend>
        <label>
          <input
            type="radio"
            name="rating"
            checked={rating === 'good'}
            onChange={() => setRating('good')}
          />
          Good
        </label>
        <label>
          <input
            type="radio"
            name="rating"
            checked={rating === 'bad'}
            onChange={() => setRating('bad')}
          />
          Bad
        </label>
      </fieldset>
      <label>
        Comment
        <textarea value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      {rating === 'bad' && (
        <>
          <details>
            <summary>Which guidelines should (not) have matched</summary>
            <ul className="plain corrections">
              {guidelines.map(({ entity, matched, subject }) => (
                <li key={entity.id}>
                  <label>
                    <select
                      value={corrections[entity.id] ?? ''}
                      onChange={(event) =>
                        setCorrections({
                          ...corrections,
                          [entity.id]: event.target.value as Correction,
                        })
                      }
                    >
                      <option value="">{matched ? 'matched: right' : 'not matched: right'}</option>
                      {matched ? (
                        <option value="should-not-match">should not have matched</option>
                      ) : (
                        <option value="should-match">should have matched</option>
                      )}
                    </select>{' '}
                    {subject?.title ?? subject?.text ?? entity.id}
                  </label>
                </li>
              ))}
            </ul>
          </details>
          <label>
            The reply that should have been sent
            <textarea value={expected} onChange={(event) => setExpected(event.target.value)} />
          </label>
        </>
      )}
      <div className="actions left">
        <button type="submit" className="primary" disabled={busy}>
          Save feedback
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
