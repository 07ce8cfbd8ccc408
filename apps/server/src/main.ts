import { ConfigurationError } from '@conduct/core';
import { describeAuth } from './auth-policy.js';
import { loadConfig } from './config.js';
import { createLogger, type Logger, loggerOptionsFromEnv } from './logger.js';
import { exitOnSignals } from './shutdown.js';
import { startServer } from './start-server.js';

// The entry point of `pnpm start`: configuration from the environment, then the service.
// Until the logging settings are read, a default logger reports what goes wrong.
let log: Logger = createLogger();
try {
  log = createLogger(loggerOptionsFromEnv(process.env));
  const config = loadConfig();
  log.info(describeAuth(config));
  const server = await startServer(config, { log });
  exitOnSignals(server.close, log);
  log.info(`listening on ${server.url}  (try: curl ${server.url}/agents)`);
  if (config.apiDocs !== 'off') log.info(`API docs: ${server.url}/docs`);
} catch (error) {
  if (!ConfigurationError.is(error)) throw error;
  log.error(error.message);
  process.exitCode = 1;
}
