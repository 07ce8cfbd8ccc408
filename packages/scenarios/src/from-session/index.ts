export {
  type ApplyFeedbackOptions,
  applyFeedback,
  type ConversationFeedback,
} from './apply-feedback.js';
export {
  type ConversationFromServerOptions,
  conversationFromServer,
  conversationFromStore,
  type StoredConversation,
} from './conversation-source.js';
export { keyPhrases } from './key-phrases.js';
export {
  type ExportedExpectations,
  type ExportedScenario,
  scenarioFromConversation,
} from './scenario-from-conversation.js';
export { scenarioYaml } from './to-yaml.js';
