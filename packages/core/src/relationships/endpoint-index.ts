import { scopedJourneyIds } from '../domain/built-in-tags.js';
import type { RelationshipEndpoint } from '../domain/relationship.js';
import { compareRelationships, compareStrings } from './ordering.js';
import type { ResolveRelationshipsInput, ResolverRelationship } from './types.js';

/** Key of a guideline (`g:<id>`) or a journey (`j:<id>`) inside the resolver. */
export type EntityKey = string;

/** A guideline or journey as the resolver sees it. */
export interface ResolverEntity {
  readonly key: EntityKey;
  readonly type: 'guideline' | 'journey';
  readonly id: string;
  readonly priority: number;
  readonly tags: readonly string[];
  /** Journeys are always enabled. */
  readonly enabled: boolean;
  /** Given in `guidelines`/`journeys`: a candidate that `entails` may add. */
  readonly visible: boolean;
  /** For guidelines: ids of the journeys it is scoped to (`journey:<id>` tags), sorted. */
  readonly scopedTo: readonly string[];
}

/** The relationship kinds that act on the active set; both endpoints expanded to entities. */
export type GraphKind = 'entails' | 'overrides' | 'requires' | 'disambiguates';

/** A relationship between known entities, with both endpoints expanded. */
export interface IndexedRelationship {
  readonly relationship: ResolverRelationship;
  readonly sources: readonly EntityKey[];
  readonly targets: readonly EntityKey[];
}

const GRAPH_KINDS: ReadonlySet<string> = new Set<GraphKind>([
  'entails',
  'overrides',
  'requires',
  'disambiguates',
]);
const EMPTY: readonly never[] = [];

/** Key of the guideline with this id. */
export function guidelineKey(id: string): EntityKey {
  return `g:${id}`;
}

/** Key of the journey with this id. */
export function journeyKey(id: string): EntityKey {
  return `j:${id}`;
}

/** Canonical order of entities: by id, then guidelines before journeys. */
export function compareEntities(a: ResolverEntity, b: ResolverEntity): number {
  return compareStrings(a.id, b.id) || compareStrings(a.type, b.type);
}

/**
 * Every guideline and journey the resolver knows, tag membership, and the relationships
 * between them indexed by source and by target. Built once per resolution; read-only after.
 */
export class EndpointIndex {
  readonly #entities = new Map<EntityKey, ResolverEntity>();
  readonly #tagMembers = new Map<string, EntityKey[]>();
  readonly #scoped = new Map<string, EntityKey[]>();
  readonly #outgoing = new Map<string, IndexedRelationship[]>();
  readonly #incoming = new Map<string, IndexedRelationship[]>();
  readonly #relationships: readonly ResolverRelationship[];

  constructor(input: ResolveRelationshipsInput) {
    for (const g of input.guidelines) {
      this.#add('guideline', g.id, { priority: g.priority, tags: g.tags, enabled: g.enabled });
    }
    for (const j of input.journeys) {
      this.#add('journey', j.id, { priority: j.priority, tags: j.tags, enabled: true });
    }
    // Matches without a Guideline object (e.g. transient guidelines) pass through untouched.
    const neutral = { priority: 0, tags: EMPTY, enabled: true, visible: false };
    for (const id of input.matchedGuidelineIds) this.#add('guideline', id, neutral);
    for (const id of input.activeJourneyIds) this.#add('journey', id, neutral);

    const byCanonicalOrder = (a: EntityKey, b: EntityKey) =>
      compareEntities(this.#entities.get(a)!, this.#entities.get(b)!);
    for (const members of this.#tagMembers.values()) members.sort(byCanonicalOrder);
    for (const members of this.#scoped.values()) members.sort(byCanonicalOrder);

    this.#relationships = [...input.relationships].sort(compareRelationships);
    for (const relationship of this.#relationships) this.#indexRelationship(relationship);
  }

  /** Number of known guidelines and journeys. */
  get size(): number {
    return this.#entities.size;
  }

  /** The entity with this key. */
  entity(key: EntityKey): ResolverEntity {
    const entity = this.#entities.get(key);
    if (!entity) throw new Error(`relationship resolver: unknown entity key ${key}`);
    return entity;
  }

  /** Whether the key names a known entity. */
  has(key: EntityKey): boolean {
    return this.#entities.has(key);
  }

  /** All relationships of one kind, in canonical order (including ones naming unknown ids). */
  relationshipsOfKind(kind: ResolverRelationship['kind']): ResolverRelationship[] {
    return this.#relationships.filter((relationship) => relationship.kind === kind);
  }

  /**
   * The known entities an endpoint stands for, in canonical order: a guideline or journey
   * itself, every guideline and journey carrying a tag; nothing for tools or unknown ids.
   */
  expand(endpoint: RelationshipEndpoint): readonly EntityKey[] {
    switch (endpoint.type) {
      case 'guideline':
      case 'journey': {
        const key =
          endpoint.type === 'guideline' ? guidelineKey(endpoint.id) : journeyKey(endpoint.id);
        return this.#entities.has(key) ? [key] : EMPTY;
      }
      case 'tag':
        return this.#tagMembers.get(endpoint.id) ?? EMPTY;
      default:
        return EMPTY;
    }
  }

  /** Guidelines scoped to a journey (tag `journey:<id>`), in canonical order. */
  scopedGuidelines(journeyId: string): readonly EntityKey[] {
    return this.#scoped.get(journeyId) ?? EMPTY;
  }

  /** Relationships of `kind` whose source stands for `key`, in canonical order. */
  outgoing(kind: GraphKind, key: EntityKey): readonly IndexedRelationship[] {
    return this.#outgoing.get(`${kind} ${key}`) ?? EMPTY;
  }

  /** Relationships of `kind` whose target stands for `key`, in canonical order. */
  incoming(kind: GraphKind, key: EntityKey): readonly IndexedRelationship[] {
    return this.#incoming.get(`${kind} ${key}`) ?? EMPTY;
  }

  #add(
    type: ResolverEntity['type'],
    id: string,
    facts: { priority: number; tags: readonly string[]; enabled: boolean; visible?: boolean },
  ): void {
    const key = type === 'guideline' ? guidelineKey(id) : journeyKey(id);
    if (this.#entities.has(key)) return;
    const tags = [...new Set(facts.tags)];
    const scopedTo = type === 'guideline' ? scopedJourneyIds(tags).sort(compareStrings) : [];
    const visible = facts.visible ?? true;
    this.#entities.set(key, { key, type, id, ...facts, tags, visible, scopedTo });
    for (const tag of tags) push(this.#tagMembers, tag, key);
    for (const journeyId of scopedTo) push(this.#scoped, journeyId, key);
  }

  #isKnown(endpoint: RelationshipEndpoint): boolean {
    if (endpoint.type === 'tag') return true;
    if (endpoint.type === 'tool') return false;
    return this.expand(endpoint).length > 0;
  }

  #indexRelationship(relationship: ResolverRelationship): void {
    if (!GRAPH_KINDS.has(relationship.kind)) return;
    if (!this.#isKnown(relationship.source) || !this.#isKnown(relationship.target)) return;
    const indexed: IndexedRelationship = {
      relationship,
      sources: this.expand(relationship.source),
      targets: this.expand(relationship.target),
    };
    for (const key of indexed.sources) push(this.#outgoing, `${relationship.kind} ${key}`, indexed);
    for (const key of indexed.targets) push(this.#incoming, `${relationship.kind} ${key}`, indexed);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
