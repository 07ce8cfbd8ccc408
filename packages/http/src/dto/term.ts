import type { Term } from '@conduct/core';

/** Wire shape of a glossary term (reference §1.5). */
export function termDto(term: Term) {
  return {
    id: term.id,
    name: term.name,
    description: term.description,
    synonyms: term.synonyms,
    tags: term.tags,
  };
}
