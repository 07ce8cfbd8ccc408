/**
 * `@conduct/cli`: the `conduct` command — `conduct test` runs scenario suites in process or
 * against a server by URL (with cassettes to record and replay model calls), `conduct chat`
 * talks to an agent in the terminal, `conduct scenario from-session` writes a stored
 * conversation as a scenario. The command functions are exported for tests and embedding.
 *
 * @packageDocumentation
 */
export { DEFAULT_SERVER_URL, runCli } from './cli.js';
export { type ChatOptions, chat } from './commands/chat-command.js';
export { type FromSessionOptions, fromSession } from './commands/from-session-command.js';
export { type RunTestsOptions, runTests } from './commands/test-command.js';
export { decisionSummary } from './decision-summary.js';
export { CliError, EXIT, exitCodeOf } from './exit-codes.js';
export { type CliIo, processIo } from './io.js';
