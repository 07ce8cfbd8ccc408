import { api } from '../api/client.js';
import type { TurnRecord } from '../api/types.js';
import { useAsync } from '../ui/use-async.js';

interface Named {
  id: string;
  name?: string;
  title?: string;
  description?: string;
}

/** Glossary terms, capabilities, variables and retrievers that grounded the turn. */
export function GroundingSection({ record }: { record: TurnRecord }) {
  const { grounding } = record;
  const terms = useAsync(
    (signal) =>
      grounding.terms.length === 0 ? Promise.resolve([]) : api.get<Named[]>('terms', signal),
    [grounding.terms.join()],
  );
  const capabilities = useAsync(
    (signal) =>
      grounding.capabilities.length === 0
        ? Promise.resolve([])
        : api.get<Named[]>('capabilities', signal),
    [grounding.capabilities.join()],
  );
  const nameOf = (list: Named[] | undefined, id: string) => {
    const found = list?.find((item) => item.id === id);
    return found?.name ?? found?.title ?? id;
  };
  const empty =
    grounding.terms.length +
      grounding.capabilities.length +
      grounding.variables.length +
      grounding.retrievers.length +
      grounding.refreshes.length ===
    0;
  if (empty)
    return <p className="hint">Nothing grounded this turn ({grounding.method} selection).</p>;
  return (
    <dl className="facts">
      <dt>Glossary terms ({grounding.method})</dt>
      <dd>{grounding.terms.map((id) => nameOf(terms.value, id)).join(', ') || '—'}</dd>
      <dt>Capabilities</dt>
      <dd>
        {grounding.capabilities.map((id) => nameOf(capabilities.value, id)).join(', ') || '—'}
      </dd>
      <dt>Variables</dt>
      <dd>
        {grounding.variables.map((v) => `${v.name} (${v.key})`).join(', ') || '—'}
        {grounding.refreshes.map((refresh) => (
          <div key={refresh.name}>
            refreshed {refresh.name}: {refresh.status} in {Math.round(refresh.duration_ms)} ms
            {refresh.error && ` — ${refresh.error}`}
          </div>
        ))}
      </dd>
      <dt>Retrievers</dt>
      <dd>
        {grounding.retrievers.length === 0
          ? '—'
          : grounding.retrievers.map((run) => (
              <div key={`${run.name}-${run.attached_to}`}>
                {run.name} ({run.attached_to}): {run.status}, {run.size} characters,{' '}
                {Math.round(run.duration_ms)} ms{run.error && ` — ${run.error}`}
              </div>
            ))}
      </dd>
    </dl>
  );
}
