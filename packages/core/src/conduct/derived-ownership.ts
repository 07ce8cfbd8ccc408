import { NO_MATCH_TAG, PREAMBLE_TAG, parseTag } from '../domain/built-in-tags.js';
import { contentId } from '../util/content-id.js';
import type { DefinedKind } from './sync-recorder.js';

/** An entity as the check reads it. */
type Entity = { id: string } & Record<string, unknown>;

/**
 * The agent whose code wrote `entity` before syncs recorded owners (or outside a sync), told by
 * its id: code without an explicit id derives the id from the agent and the entity's own key or
 * content, which an id generated or chosen over the API never equals. `undefined` when the id
 * is not derived (the entity then counts as created over the API).
 */
export function derivedOwner(kind: DefinedKind, entity: Entity): string | undefined {
  const tags = Array.isArray(entity.tags) ? (entity.tags as string[]) : [];
  for (const tag of tags) {
    const parsed = parseTag(tag);
    if (parsed?.kind !== 'agent') continue;
    if (derivedIds(kind, parsed.agentId, entity, tags).includes(entity.id)) return parsed.agentId;
  }
  return undefined;
}

function derivedIds(kind: DefinedKind, agentId: string, entity: Entity, tags: string[]): string[] {
  const text = (key: string) => (typeof entity[key] === 'string' ? (entity[key] as string) : '');
  switch (kind) {
    case 'guideline': {
      const content = [text('condition'), text('action')];
      const scopes = [[], ...journeyScopes(tags)];
      return scopes.map((scope) => contentId('guideline', agentId, ...scope, ...content));
    }
    case 'journey':
      return [contentId('journey', agentId, text('title'))];
    case 'term':
      return [contentId('term', agentId, text('name'))];
    case 'variable':
      return [contentId('variable', agentId, text('name'))];
    case 'capability':
      return [contentId('capability', agentId, text('title'))];
    case 'cannedResponse':
      return tags.includes(NO_MATCH_TAG)
        ? [contentId('canned-no-match', agentId)]
        : [
            contentId(
              'canned-response',
              agentId,
              text('value'),
              String(tags.includes(PREAMBLE_TAG)),
            ),
          ];
    default:
      return [];
  }
}

/** `[journeyId, stateId | '']` of each journey scope the tags give a guideline. */
function journeyScopes(tags: readonly string[]): string[][] {
  const scopes: string[][] = [];
  for (const tag of tags) {
    const parsed = parseTag(tag);
    if (parsed?.kind === 'journey-state') scopes.push([parsed.journeyId, parsed.stateId]);
    else if (parsed?.kind === 'journey') scopes.push([parsed.journeyId, '']);
  }
  return scopes;
}
