import type { Tag } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';

/** Wire shape of a tag (docs/compatibility.md#tags). */
export const tagDtoSchema = named(z.object({ id: z.string(), name: z.string() }), 'Tag');

/** Wire shape of a tag (docs/compatibility.md#tags). */
export type TagDto = z.output<typeof tagDtoSchema>;

/** A tag in the wire format. */
export function tagDto(tag: Pick<Tag, 'id' | 'name'>): TagDto {
  return { id: tag.id, name: tag.name };
}
