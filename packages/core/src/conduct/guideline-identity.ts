import { contentId } from '../util/content-id.js';
import type { GuidelineDefinition } from './agent-handle.js';
import type { DefinedIdentity } from './sync-recorder.js';

/**
 * The id of a guideline defined from code, and where it comes from: the given `id`; else
 * derived from its title, so rewording keeps it; else from its condition and action. `scope`
 * (a journey and state) keeps guidelines of different scopes apart.
 */
export function guidelineIdentity(
  agentId: string,
  definition: Pick<GuidelineDefinition, 'id' | 'title' | 'condition' | 'action'>,
  scope: readonly string[] = [],
): { id: string; identity: DefinedIdentity } {
  if (definition.id !== undefined) return { id: definition.id, identity: 'id' };
  const title = definition.title?.trim();
  if (title) return { id: contentId('guideline', agentId, ...scope, title), identity: 'key' };
  return {
    id: contentId('guideline', agentId, ...scope, definition.condition, definition.action ?? ''),
    identity: 'content',
  };
}
