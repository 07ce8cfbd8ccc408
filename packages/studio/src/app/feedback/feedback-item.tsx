import type { Feedback } from '../api/types.js';

/** One piece of feedback, in words; `onDelete` offers to delete it. */
export function FeedbackItem({
  feedback,
  nameOf = (id) => id,
  onDelete,
}: {
  feedback: Feedback;
  nameOf?: (guidelineId: string) => string;
  onDelete?: () => void;
}) {
  const { corrections } = feedback;
  return (
    <article className="feedback-item" data-testid="feedback-item">
      <p>
        <span className={`badge ${feedback.rating === 'good' ? 'ok' : 'warn'}`}>
          {feedback.rating}
        </span>{' '}
        {feedback.comment ?? <span className="hint">(no comment)</span>}
      </p>
      {corrections.guidelines.should_match.length > 0 && (
        <p className="hint">
          Should have matched: {corrections.guidelines.should_match.map(nameOf).join(', ')}
        </p>
      )}
      {corrections.guidelines.should_not_match.length > 0 && (
        <p className="hint">
          Should not have matched: {corrections.guidelines.should_not_match.map(nameOf).join(', ')}
        </p>
      )}
      {corrections.expected_reply && (
        <blockquote className="template">{corrections.expected_reply}</blockquote>
      )}
      <p className="hint">
        {feedback.author ?? 'anonymous'} · {new Date(feedback.creation_utc).toLocaleString()}
        {onDelete && (
          <>
            {' '}
            ·{' '}
            <button type="button" className="link" onClick={onDelete}>
              Delete
            </button>
          </>
        )}
      </p>
    </article>
  );
}
