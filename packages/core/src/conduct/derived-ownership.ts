import { NO_MATCH_TAG } from '../canned/candidates.js';
import { agentTag, journeyTag, PREAMBLE_TAG } from '../domain/common.js';
import { parseJourneyStateScopeTag } from '../journeys/journey-scope.js';
import { contentId } from '../util/content-id.js';
import type { DefinedKind } from './sync-recorder.js';

/** An entity as the check reads it. */
type Entity = { id: string } & Record<string, unknown>;

const AGENT_PREFIX = agentTag('');

/**
 * The agent whose code wrote `entity` before syncs recorded owners (or outside a sync), told by
 * its id: code without an explicit id derives the id from the agent and the entity's own key or
 * content, which an id generated or chosen over the API never equals. `undefined` when the id
 * is not derived (the entity then counts as created over the API).
 */
export function derivedOwner(kind: DefinedKind, entity: Entity): string | undefined {
  const tags = Array.isArray(entity.tags) ? (entity.tags as string[]) : [];
  for (const tag of tags) {
    if (!tag.startsWith(AGENT_PREFIX)) continue;
    const agentId = tag.slice(AGENT_PREFIX.length);
    if (derivedIds(kind, agentId, entity, tags).includes(entity.id)) return agentId;
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
    const state = parseJourneyStateScopeTag(tag);
    if (state !== undefined) scopes.push([state.journeyId, state.stateId]);
    else if (tag.startsWith(journeyTag(''))) scopes.push([tag.slice(journeyTag('').length), '']);
  }
  return scopes;
}
