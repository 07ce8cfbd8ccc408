import type { ConductStore, RelationshipEndpoint } from '@conduct/core';

/**
 * Deletes every relationship with this endpoint on either side. Called after an entity is
 * deleted: a relationship to something that no longer exists could never apply again.
 */
export async function deleteRelationshipsOf(
  store: ConductStore,
  endpoint: RelationshipEndpoint,
): Promise<void> {
  for (const relationship of await store.relationships.list({ endpoint })) {
    await store.relationships.delete(relationship.id);
  }
}
