import { useState } from 'react';
import { api } from '../api/client.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import { hrefOf } from '../ui/use-hash-route.js';
import { ENTITY_KINDS, type Entity, type EntityKind } from './entity-kinds.js';

/** One kind's entities, searchable (mounted anew for each kind, so no list is shown as another). */
function EntityList({ kind }: { kind: EntityKind }) {
  const [search, setSearch] = useState('');
  const entities = useAsync((signal) => api.get<Entity[]>(kind.path, signal), [kind.path]);
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (entities.value ?? []).filter((entity) => {
    const text = kind.text(entity).toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return (
    <>
      <input
        type="search"
        className="search"
        aria-label={`Search ${kind.label.toLowerCase()}`}
        placeholder={`Search ${kind.label.toLowerCase()}…`}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ErrorNote error={entities.error} />
      {entities.value && (
        <p className="hint" role="status">
          {shown.length} of {entities.value.length}
        </p>
      )}
      <ul className="cards" data-testid="entities">
        {shown.map((entity) => (
          <li key={entity.id}>{kind.render(entity, entities.reload)}</li>
        ))}
      </ul>
    </>
  );
}

/** The behavior model: every kind of entity in a tab, searchable. */
export function ModelPage({ tab }: { tab: string | undefined; query: URLSearchParams }) {
  const kind = ENTITY_KINDS.find((candidate) => candidate.id === tab) ?? ENTITY_KINDS[0]!;
  return (
    <div className="model-page">
      <nav className="tabs" aria-label="Kinds">
        {ENTITY_KINDS.map((candidate) => (
          <a
            key={candidate.id}
            href={hrefOf(['model', candidate.id])}
            aria-current={candidate.id === kind.id ? 'page' : undefined}
          >
            {candidate.label}
          </a>
        ))}
      </nav>
      <EntityList key={kind.id} kind={kind} />
    </div>
  );
}
