export { type CronSchedule, isValidCron, nextCronTime, parseCron } from './cron.js';
export {
  DEFAULT_RETRIEVER_TIMEOUT_MS,
  type GroundingOptions,
  type ResolvedGroundingOptions,
  resolveGroundingOptions,
} from './grounding-options.js';
export {
  type LoadedVariable,
  type LoadVariablesInput,
  loadVariables,
  type VariableRefresh,
} from './load-variables.js';
export {
  capabilitiesSection,
  capabilityLines,
  glossaryLines,
  glossarySection,
  retrievedDataSection,
  retrievedLines,
  variableLines,
  variablesSection,
} from './prompt-sections.js';
export { recentMessages } from './recent-messages.js';
export { type RelevanceOptions, selectRelevant } from './relevance.js';
export {
  defineRetriever,
  type Retriever,
  type RetrieverContext,
  type RetrieverDefinition,
  type RetrieverRunOptions,
  type RetrieverTrigger,
} from './retriever.js';
export {
  type AttachedRetriever,
  attachmentKey,
  createRetrieverRegistry,
  type RetrieverAttachment,
  type RetrieverRegistry,
} from './retriever-registry.js';
export {
  capabilityDocument,
  type RelevantGrounding,
  type RelevantGroundingInput,
  selectRelevantGrounding,
  termDocument,
} from './select-grounding.js';
export { stem, tokenize } from './tokenize.js';
export { isVariableValueFresh } from './variable-freshness.js';
export { applicableValue, variableKeysFor } from './variable-keys.js';
export { cosineSimilarity, similarityToQuery } from './vectors.js';
