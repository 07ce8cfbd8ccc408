import { api } from '../api/client.js';
import type { TurnRecord } from '../api/types.js';
import { useAsync } from '../ui/use-async.js';
import type { Subjects } from './subjects.js';

/** The text of the canned response a reply used. */
function ChosenTemplate({ id }: { id: string }) {
  const template = useAsync(
    (signal) => api.get<{ value: string }>(`canned_responses/${encodeURIComponent(id)}`, signal),
    [id],
  );
  return (
    <blockquote className="template">
      {template.value?.value ?? (template.error ? id : '…')}
    </blockquote>
  );
}

/** How the reply was composed: the mode and why, the canned responses offered and chosen. */
export function CompositionSection({
  record,
  subjects,
}: {
  record: TurnRecord;
  subjects: Subjects;
}) {
  const composition = record.composition;
  if (composition === null) return <p className="hint">No reply was composed.</p>;
  return (
    <dl className="facts">
      <dt>Mode</dt>
      <dd>
        {composition.mode.replaceAll('_', ' ')} —{' '}
        {composition.mode_source ? `set by “${subjects.name(composition.mode_source)}”: ` : ''}
        {composition.mode_reason}
      </dd>
      <dt>Outcome</dt>
      <dd>
        <span className="badge">{composition.outcome}</span> {composition.reason}
      </dd>
      {composition.candidates.length > 0 && (
        <>
          <dt>Canned responses offered</dt>
          <dd>{composition.candidates.length}</dd>
        </>
      )}
      {composition.chosen && (
        <>
          <dt>Template chosen</dt>
          <dd>
            <ChosenTemplate id={composition.chosen} />
          </dd>
        </>
      )}
      {composition.excluded.length > 0 && (
        <>
          <dt>Excluded</dt>
          <dd>
            {composition.excluded.map((item) => (
              <div key={item.id}>
                <code>{item.id}</code>: {item.reason}
              </div>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}
