import { ApiError } from '../api/client.js';

/** A person-readable line for an error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.status} — ${error.detail}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An error, said in the page (announced to screen readers). */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}
