// The tokenizer moved to `@conduct/core` (grounding shares it); re-exported for the pre-filter.
export { stem, tokenize } from '@conduct/core/internal';
