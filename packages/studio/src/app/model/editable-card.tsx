import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../api/client.js';
import { ErrorNote } from '../ui/errors.js';

/** A text field an {@link EditableCard} edits. */
export interface EditableField {
  key: string;
  label: string;
  value: string;
}

/** Props of {@link EditableCard}. */
export interface EditableCardProps {
  /** The entity's API path, sent a PATCH on save. */
  path: string;
  fields: readonly EditableField[];
  /** The PATCH body for the edited values (by field key). */
  toBody: (values: Record<string, string>) => Record<string, unknown>;
  /** What the card shows when not editing. */
  children: ReactNode;
  onChange: () => void;
}

/**
 * An entity's card with an Edit button that turns it into a form of its text fields. What an
 * agent module defines in code is set back from the code at the next start.
 */
export function EditableCard({ path, fields, toBody, children, onChange }: EditableCardProps) {
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values === null) return;
    setError(undefined);
    await api.patch(path, toBody(values));
    setValues(null);
    onChange();
  };
  if (values === null) {
    return (
      <>
        {children}
        <div className="actions left">
          <button
            type="button"
            onClick={() => setValues(Object.fromEntries(fields.map((f) => [f.key, f.value])))}
          >
            Edit
          </button>
        </div>
      </>
    );
  }
  return (
    <form
      className="editor"
      onSubmit={(event) => {
        submit(event).catch(setError);
      }}
    >
      {fields.map((field) => (
        <label key={field.key}>
          {field.label}
          <textarea
            value={values[field.key] ?? ''}
            onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
          />
        </label>
      ))}
      <p className="hint">What an agent module defines in code is set back at the next start.</p>
      <div className="actions">
        <button type="button" onClick={() => setValues(null)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
