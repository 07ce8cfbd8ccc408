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
  MESSAGE_TOKEN_OVERHEAD,
  o200kTokenizer,
  type Tokenizer,
} from './tokenizer.js';
