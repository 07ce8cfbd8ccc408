import type { Event } from '../domain/event.js';
import type { Relationship } from '../domain/relationship.js';
import type { Session } from '../domain/session.js';
import type { TagFilter } from './entity-store.js';
import type { EventFilter } from './event-store.js';
import type { RelationshipFilter, SessionFilter } from './ports.js';

/** True when the event passes every condition of the filter. */
export function matchesEventFilter(event: Event, filter: EventFilter): boolean {
  if (event.deleted && filter.includeDeleted !== true) return false;
  if (filter.minOffset !== undefined && event.offset < filter.minOffset) return false;
  if (filter.kinds !== undefined && filter.kinds.length > 0 && !filter.kinds.includes(event.kind)) {
    return false;
  }
  if (filter.source !== undefined && event.source !== filter.source) return false;
  if (filter.traceId !== undefined && event.traceId !== filter.traceId) return false;
  return true;
}

/** True when the entity carries one of the filter's tags (or the filter names none). */
export function matchesTagFilter(
  entity: { tags: string[] },
  filter: TagFilter | undefined,
): boolean {
  const tags = filter?.tags;
  return tags === undefined || tags.length === 0 || tags.some((tag) => entity.tags.includes(tag));
}

/** True when the session passes every condition of the filter. */
export function matchesSessionFilter(session: Session, filter: SessionFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.agentId !== undefined && session.agentId !== filter.agentId) return false;
  if (filter.customerId !== undefined && session.customerId !== filter.customerId) return false;
  if (
    filter.labels !== undefined &&
    !filter.labels.every((label) => session.labels.includes(label))
  ) {
    return false;
  }
  return true;
}

/** True when the relationship passes every condition of the filter. */
export function matchesRelationshipFilter(
  relationship: Relationship,
  filter: RelationshipFilter | undefined,
): boolean {
  if (filter === undefined) return true;
  if (filter.kind !== undefined && relationship.kind !== filter.kind) return false;
  const endpoint = filter.endpoint;
  if (endpoint !== undefined) {
    const touches = [relationship.source, relationship.target].some(
      (side) => side.type === endpoint.type && side.id === endpoint.id,
    );
    if (!touches) return false;
  }
  return true;
}
