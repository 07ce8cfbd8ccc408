import { ConfigurationError, createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import { loadAgentModules } from './agent-modules.js';
import { loadConfig } from './config.js';
import { createLogger, loggerOptionsFromEnv } from './logger.js';
import { openStore } from './open-store.js';
import { describeStore } from './summary.js';
import { createUnconfiguredModel } from './unconfigured-model.js';

// The entry point of `pnpm plan`: what the agent modules would change in the stored model at the
// next start (a dry run of the start's sync), without writing anything or serving.
const log = createLogger(loggerOptionsFromEnv());
try {
  const config = loadConfig();
  const { store, release } = await openStore(config);
  log.info(`store: ${describeStore(config)}`);
  const conduct = createConduct({
    store,
    model: createUnconfiguredModel(),
    ...defaultMatchers({ guidelineClassifier: false }),
  });
  try {
    const plan = await loadAgentModules(conduct, config.agentModules, log, { dryRun: true });
    if (plan === undefined) log.info('no agent modules to plan (CONDUCT_AGENTS)');
  } finally {
    await conduct.close();
    await release();
  }
} catch (error) {
  if (!ConfigurationError.is(error)) throw error;
  log.error(error.message);
  process.exitCode = 1;
}
