/**
 * The prompt kit: sections with static instructions first and dynamic content last (so
 * provider prompt caches hit), numbered lists that map answers back to items, token counting
 * and budgets.
 */
export {
  type BatchOptions,
  batchByTokenBudget,
  type NumberedBatch,
  type NumberedBatchesOptions,
  numberedBatches,
} from './batching.js';
export {
  type ExampleField,
  examplesSection,
  type PromptExample,
  renderExample,
} from './examples.js';
export {
  type FitToBudgetOptions,
  type FitToBudgetResult,
  fitToBudget,
} from './fit-to-budget.js';
export {
  formatList,
  formatMarkedList,
  formatNumberedList,
  itemAtLocalIndex,
  type NumberedListOptions,
} from './format-list.js';
export {
  type ItemAnswer,
  type ItemAnswerShape,
  type ItemAnswersSchema,
  type ItemAnswersSchemaOptions,
  isItemNumber,
  itemAnswersSchema,
  type ReadItemAnswersOptions,
  readItemAnswers,
} from './item-answers.js';
export { type ItemNumberOptions, itemNumberSchema } from './item-number.js';
export {
  createPrompt,
  PromptBuilder,
  type PromptSection,
  type SectionKind,
} from './prompt-builder.js';
export { type ReasonFirst, type ReasonFirstOptions, reasonFirst } from './reason-first.js';
export type { SectionContent } from './section-format.js';
export { type TaskPromptOptions, taskPrompt } from './task-prompt.js';
export {
  approximateTokenizer,
  countMessageTokens,
  countTokens,
  loadTokenizer,
  o200kTokenizer,
  type Tokenizer,
} from './tokenizer.js';
