import type { Tag } from '@conduct/core';

/** Wire shape of a tag (reference §1.4). */
export interface TagDto {
  id: string;
  name: string;
}

/** A tag in the wire format. */
export function tagDto(tag: Pick<Tag, 'id' | 'name'>): TagDto {
  return { id: tag.id, name: tag.name };
}
