/**
 * Grounding: retrievers, grounding options, and the prompt sections custom strategies and
 * composers render a turn's glossary, variables, capabilities and retrieved data with
 * (docs/grounding.md).
 */
export type { GroundingOptions } from './grounding-options.js';
export {
  capabilitiesSection,
  glossarySection,
  retrievedDataSection,
  variablesSection,
} from './prompt-sections.js';
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
  createRetrieverRegistry,
  type RetrieverAttachment,
  type RetrieverRegistry,
} from './retriever-registry.js';
