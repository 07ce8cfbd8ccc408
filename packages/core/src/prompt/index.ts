/**
 * The prompt kit: sections with static instructions first and dynamic content last (so
 * provider prompt caches hit), numbered lists that map answers back to items, token counting
 * and budgets.
 */
export {
  type FitToBudgetOptions,
  type FitToBudgetResult,
  fitToBudget,
} from './fit-to-budget.js';
export {
  formatList,
  formatNumberedList,
  itemAtLocalIndex,
  type NumberedListOptions,
} from './format-list.js';
export {
  createPrompt,
  PromptBuilder,
  type PromptSection,
  type SectionKind,
} from './prompt-builder.js';
export type { SectionContent } from './section-format.js';
export {
  approximateTokenizer,
  countMessageTokens,
  countTokens,
  loadTokenizer,
  o200kTokenizer,
  type Tokenizer,
} from './tokenizer.js';
