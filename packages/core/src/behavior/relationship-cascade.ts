import type { RelationshipEndpoint } from '../domain/relationship.js';
import type { StoreTransaction } from '../store/unit-of-work.js';

/**
 * Deletes every relationship with this endpoint on either side. Part of deleting the entity:
 * a relationship to something that no longer exists could never apply again.
 */
export async function deleteRelationshipsOf(
  tx: StoreTransaction,
  endpoint: RelationshipEndpoint,
): Promise<void> {
  for (const relationship of await tx.relationships.list({ endpoint })) {
    await tx.relationships.delete(relationship.id);
  }
}
