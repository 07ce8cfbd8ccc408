/**
 * The runnable Conduct service: configuration from the environment, model provider selection,
 * agent modules and the REST API. `src/main.ts` is the command; this module is for tests and
 * for embedding the service in another Node program.
 *
 * @packageDocumentation
 */
export {
  AGENT_SETUP_LOCK,
  type AgentModule,
  type AgentSetup,
  classifyAllGuidelines,
  type LoadAgentModulesOptions,
  loadAgentModules,
} from './agent-modules.js';
export {
  API_DOCS_MODES,
  type ApiDocsMode,
  appOptionsFor,
  describeModeration,
} from './app-options.js';
export {
  AUTH_MODES,
  type AuthMode,
  authPolicyFor,
  describeAuth,
  MIN_TOKEN_SECRET_LENGTH,
} from './auth-policy.js';
export {
  EXAMPLE_AGENT_MODULE,
  isLoopback,
  type LoadConfigOptions,
  loadConfig,
  ORPHAN_AGENTS_MODES,
  type OrphanAgentsMode,
  type ServerConfig,
} from './config.js';
export { swaggerUiAssets } from './docs-assets.js';
export {
  createLogger,
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFields,
  type LogFormat,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  loggerOptionsFromEnv,
  silentLogger,
} from './logger.js';
export {
  DEFAULT_MODELS,
  type ModelSelection,
  type SelectProviderOptions,
  selectProvider,
} from './providers.js';
export { type ExitOnSignalsOptions, exitOnSignals } from './shutdown.js';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.js';
export {
  PROVIDER_NAMES,
  type ProviderName,
  parseSmallTasks,
  parseTaskModels,
  TASK_NAMES,
  type TaskModel,
} from './task-models.js';
export { logTurn } from './turn-log.js';
export { createUnconfiguredModel, NO_PROVIDER_MESSAGE } from './unconfigured-model.js';
