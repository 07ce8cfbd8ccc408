/**
 * `@conduct/scenarios`: scenario testing for Conduct agents. Scripted and simulated customers,
 * per-turn expectations in words a policy owner understands, judges, repetitions with pass^k,
 * and reports for people and CI (terminal, JUnit XML, JSON).
 *
 * @packageDocumentation
 */
export * from './cassette/index.js';
export {
  type AskJudgeOptions,
  askJudge,
  type EvaluateOptions,
  evaluateExpectation,
  type JudgeFunction,
  toolResults,
} from './expect/evaluate.js';
export { type NamedEntity, type NamedKind, NameIndex } from './expect/names.js';
export { recordExcerpt } from './expect/record-excerpt.js';
export type {
  CheckKind,
  CheckResult,
  ExpectationView,
  TranscriptLine,
} from './expect/view.js';
export * from './from-session/index.js';
export { assertPassed, ScenariosFailedError } from './report/assert-passed.js';
export { formatJsonReport, JSON_REPORT_VERSION, type JsonReport } from './report/json.js';
export { formatJUnitReport } from './report/junit.js';
export {
  formatPassK,
  formatTerminalReport,
  type TerminalReportOptions,
} from './report/terminal.js';
export { passesPolicy, passK } from './run/pass-k.js';
export type {
  PassK,
  RunResult,
  ScenarioResult,
  SimulationEnding,
  SuiteResult,
  TurnResult,
} from './run/results.js';
export {
  type RunScenariosOptions,
  runScenario,
  runScenarios,
  type ScenarioProgress,
} from './run/run-scenarios.js';
export { DEFAULT_MAX_TURNS } from './run/run-simulated.js';
export {
  defineScenario,
  ScenarioBuilder,
  type ScenarioOptions,
  scenario,
} from './scenario/builders.js';
export {
  describeIssue,
  ScenarioFormatError,
  type ScenarioFormatIssue,
} from './scenario/format-error.js';
export {
  duplicateNames,
  type LoadScenariosOptions,
  loadScenarios,
} from './scenario/load-scenarios.js';
export { type ParseScenariosOptions, parseScenarios } from './scenario/parse-yaml.js';
export { scenarioSchema } from './scenario/schema.js';
export type {
  Expectation,
  GuidelineExpectation,
  JourneyExpectation,
  ReplyExpectation,
  RunPolicy,
  Scenario,
  ScenarioSource,
  ScriptedTurn,
  SessionExpectation,
  SimulatedCustomer,
  ToolCallExpectation,
  ToolExpectation,
  ValueMatcher,
} from './scenario/types.js';
export type {
  AgentCatalog,
  ObservedSession,
  ObservedTurn,
  ObservedTurnStatus,
  OpenSessionOptions,
  ScenarioTarget,
  SendOptions,
  TargetSession,
} from './target.js';
export * from './targets/http/index.js';
export {
  createInProcessTarget,
  type InProcessTargetOptions,
} from './targets/in-process/in-process-target.js';
export { agentMessages, observeTurn } from './targets/in-process/observe-turn.js';
export {
  type JudgeAnswer,
  type JudgeInput,
  type JudgeVerdict,
  judge,
  judgeAnswerSchema,
  judgePrompt,
  SCENARIO_JUDGE_TASK,
} from './tasks/judge-task.js';
export {
  nextCustomerMove,
  SIMULATED_CUSTOMER_TASK,
  type SimulatedCustomerAnswer,
  type SimulatedCustomerInput,
  simulatedCustomerAnswerSchema,
  simulatedCustomerPrompt,
} from './tasks/simulated-customer-task.js';
export { transcriptLines } from './tasks/transcript.js';
