import type { Term } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';

/** Wire shape of a glossary term (docs/compatibility.md#glossary-terms). */
export const termDtoSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    synonyms: z.array(z.string()),
    tags: z.array(z.string()),
  }),
  'Term',
);

/** A glossary term in the wire format. */
export function termDto(term: Term): z.output<typeof termDtoSchema> {
  return {
    id: term.id,
    name: term.name,
    description: term.description,
    synonyms: term.synonyms,
    tags: term.tags,
  };
}
