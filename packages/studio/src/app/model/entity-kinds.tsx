import type { ReactNode } from 'react';
import type { Guideline, Journey } from '../api/types.js';
import { JourneyGraph } from '../inspector/journey-graph.js';
import { toolNameOf } from '../inspector/subjects.js';
import { EditableCard } from './editable-card.js';
import { GuidelineCard } from './guideline-card.js';

/** Any entity of a list answer: an object with an id. */
export type Entity = { id: string } & Record<string, unknown>;

/** How one kind of behavior-model entity is listed, searched and shown. */
export interface EntityKind {
  id: string;
  label: string;
  /** The API path that lists them. */
  path: string;
  /** The text a search looks in. */
  text: (entity: Entity) => string;
  render: (entity: Entity, reload: () => void) => ReactNode;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]).map(String) : []);

function Tags({ tags }: { tags: unknown }) {
  const names = list(tags);
  if (names.length === 0) return null;
  return (
    <p className="hint">
      {names.map((tag) => (
        <span key={tag} className="badge">
          {tag}
        </span>
      ))}
    </p>
  );
}

function relationshipEnd(entity: Entity, side: 'source' | 'target'): string {
  const guideline = entity[`${side}_guideline`] as Guideline | null;
  if (guideline) return `guideline “${guideline.title ?? guideline.condition}”`;
  const tag = entity[`${side}_tag`] as { name?: string; id?: string } | null;
  if (tag) return `tag ${tag.name ?? tag.id}`;
  const tool = entity[`${side}_tool`];
  if (tool) return `tool ${toolNameOf(tool)}`;
  return '(unknown)';
}

/** The kinds the behavior-model page shows, in tab order. */
export const ENTITY_KINDS: readonly EntityKind[] = [
  {
    id: 'guidelines',
    label: 'Guidelines',
    path: 'guidelines',
    text: (e) => `${str(e.title)} ${str(e.condition)} ${str(e.action)} ${list(e.tags).join(' ')}`,
    render: (e, reload) => (
      <GuidelineCard guideline={e as unknown as Guideline} onChange={reload} />
    ),
  },
  {
    id: 'journeys',
    label: 'Journeys',
    path: 'journeys',
    text: (e) => `${str(e.title)} ${str(e.description)}`,
    render: (e) => {
      const journey = e as unknown as Journey;
      return (
        <>
          <h3>{journey.title}</h3>
          <p>{journey.description}</p>
          <Tags tags={journey.tags} />
          <details>
            <summary>Graph ({journey.states.length} states)</summary>
            <div className="graph-scroll">
              <JourneyGraph journey={journey} current={null} moves={[]} />
            </div>
          </details>
        </>
      );
    },
  },
  {
    id: 'relationships',
    label: 'Relationships',
    path: 'relationships',
    text: (e) => `${str(e.kind)} ${relationshipEnd(e, 'source')} ${relationshipEnd(e, 'target')}`,
    render: (e) => (
      <p>
        {relationshipEnd(e, 'source')} <strong>{str(e.kind)}</strong> {relationshipEnd(e, 'target')}
      </p>
    ),
  },
  {
    id: 'glossary',
    label: 'Glossary',
    path: 'terms',
    text: (e) => `${str(e.name)} ${str(e.description)} ${list(e.synonyms).join(' ')}`,
    render: (e, reload) => (
      <EditableCard
        path={`terms/${encodeURIComponent(e.id)}`}
        fields={[
          { key: 'name', label: 'Term', value: str(e.name) },
          { key: 'description', label: 'Meaning', value: str(e.description) },
          {
            key: 'synonyms',
            label: 'Synonyms (comma-separated)',
            value: list(e.synonyms).join(', '),
          },
        ]}
        toBody={(values) => ({
          name: values.name,
          description: values.description,
          synonyms: (values.synonyms ?? '')
            .split(',')
            .map((word) => word.trim())
            .filter(Boolean),
        })}
        onChange={reload}
      >
        <h3>{str(e.name)}</h3>
        <p>{str(e.description)}</p>
        {list(e.synonyms).length > 0 && <p className="hint">Also: {list(e.synonyms).join(', ')}</p>}
        <Tags tags={e.tags} />
      </EditableCard>
    ),
  },
  {
    id: 'variables',
    label: 'Variables',
    path: 'context-variables',
    text: (e) => `${str(e.name)} ${str(e.description)}`,
    render: (e) => (
      <>
        <h3>{str(e.name)}</h3>
        <p>{str(e.description)}</p>
        {e.tool_id != null && <p className="hint">Refreshed by {toolNameOf(e.tool_id)}</p>}
        {str(e.freshness_rules) && <p className="hint">Fresh for: {str(e.freshness_rules)}</p>}
        <Tags tags={e.tags} />
      </>
    ),
  },
  {
    id: 'canned',
    label: 'Canned responses',
    path: 'canned_responses',
    text: (e) => `${str(e.value)} ${list(e.signals).join(' ')}`,
    render: (e, reload) => (
      <EditableCard
        path={`canned_responses/${encodeURIComponent(e.id)}`}
        fields={[{ key: 'value', label: 'Template', value: str(e.value) }]}
        toBody={(values) => ({ value: values.value })}
        onChange={reload}
      >
        <p>{str(e.value)}</p>
        {list(e.signals).length > 0 && (
          <p className="hint">Signals: {list(e.signals).join(' · ')}</p>
        )}
        <Tags tags={e.tags} />
      </EditableCard>
    ),
  },
  {
    id: 'capabilities',
    label: 'Capabilities',
    path: 'capabilities',
    text: (e) => `${str(e.title)} ${str(e.description)} ${list(e.signals).join(' ')}`,
    render: (e) => (
      <>
        <h3>{str(e.title)}</h3>
        <p>{str(e.description)}</p>
        {list(e.signals).length > 0 && (
          <p className="hint">Signals: {list(e.signals).join(' · ')}</p>
        )}
        <Tags tags={e.tags} />
      </>
    ),
  },
];
