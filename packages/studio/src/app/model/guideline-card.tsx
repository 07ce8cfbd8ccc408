import { type FormEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { Guideline } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';

/**
 * A guideline, with its rule, and an editor for what the API can change (condition, action,
 * enabled). A guideline an agent module defines in code is set back from the code when the
 * server starts again; the note says so.
 */
export function GuidelineCard({
  guideline,
  onChange,
}: {
  guideline: Guideline;
  onChange: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [condition, setCondition] = useState(guideline.condition);
  const [action, setAction] = useState(guideline.action ?? '');
  const [error, setError] = useState<unknown>();
  const path = `guidelines/${encodeURIComponent(guideline.id)}`;
  const save = async (body: Record<string, unknown>) => {
    setError(undefined);
    await api.patch(path, body);
    setEditing(false);
    onChange();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save({ condition, ...(guideline.action === null && action === '' ? {} : { action }) }).catch(
      setError,
    );
  };
  return (
    <article data-testid="guideline-card">
      <h3>
        {guideline.title ?? guideline.condition}
        {!guideline.enabled && <span className="badge warn">disabled</span>}
        {guideline.criticality && <span className="badge">{guideline.criticality}</span>}
      </h3>
      {editing ? (
        <form onSubmit={submit} className="editor">
          <label>
            When
            <textarea value={condition} onChange={(event) => setCondition(event.target.value)} />
          </label>
          <label>
            Then
            <textarea
              value={action}
              placeholder="(no action: an observation)"
              onChange={(event) => setAction(event.target.value)}
            />
          </label>
          <p className="hint">
            A guideline defined in an agent module's code is set back from the code at the next
            start.
          </p>
          <div className="actions">
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Save
            </button>
          </div>
        </form>
      ) : (
        <p>
          <strong>When</strong> {guideline.condition}
          {guideline.action && (
            <>
              {' '}
              <strong>then</strong> {guideline.action}
            </>
          )}
        </p>
      )}
      <p className="hint">
        {guideline.tags.map((tag) => (
          <span key={tag} className="badge">
            {tag}
          </span>
        ))}
      </p>
      {!editing && (
        <div className="actions left">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            onClick={() => {
              save({ enabled: !guideline.enabled }).catch(setError);
            }}
          >
            {guideline.enabled ? 'Disable' : 'Enable'}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </article>
  );
}
