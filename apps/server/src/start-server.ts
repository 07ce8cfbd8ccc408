import type { AddressInfo } from 'node:net';
import {
  type AgentAccess,
  type Conduct,
  ConfigurationError,
  createConduct,
  createModelRouter,
  type GuidelineClassificationReport,
  type LanguageModel,
} from '@conduct/core';
import { createConductApp } from '@conduct/http';
import { defaultMatchers } from '@conduct/matchers';
import type { ServerType } from '@hono/node-server';
import { classifyAllGuidelines, loadAgentModules } from './agent-modules.js';
import {
  accessFor,
  describeOutOfService,
  findAgentsOutOfService,
} from './agents-out-of-service.js';
import { appOptionsFor, describeModeration } from './app-options.js';
import { runCloseSteps } from './close-steps.js';
import type { ServerConfig } from './config.js';
import { listen } from './listen.js';
import { createLogger, type Logger } from './logger.js';
import { type OpenedStore, openStore } from './open-store.js';
import { type ModelSelection, selectProvider } from './providers.js';
import { describeAgents, describeModels, describeStore, describeUnevaluated } from './summary.js';
import {
  readToolServicesFile,
  type StartedToolServices,
  startToolServices,
} from './tool-services.js';
import { logTurn } from './turn-log.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Default: {@link createLogger} (pretty in a terminal, JSON lines otherwise). */
  log?: Logger;
  /** How long to wait for Ollama while selecting a provider. Default 1000 ms. */
  ollamaTimeoutMs?: number;
  /**
   * The model every task uses, instead of the provider the environment selects (embedding the
   * service, or testing it with a scripted model). Per-task deadlines and hedging still apply.
   */
  model?: LanguageModel;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8800` (the real port when `port` was 0). */
  url: string;
  conduct: Conduct;
  selection: ModelSelection;
  /** Settles when background guideline classification is done (`undefined`: skipped or failed). */
  classification: Promise<GuidelineClassificationReport | undefined>;
  /**
   * Stops accepting connections, cancels uncommitted turns (committed ones finish), closes
   * the store, then drops connections still open (long-polls). Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Starts the service: picks the model provider, opens the store, runs the agent modules,
 * serves the REST API, and classifies guidelines in the background.
 *
 * @throws ConfigurationError for unusable settings or agent modules (nothing is left open).
 */
export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  const probe = options.ollamaTimeoutMs;
  const [selected, opened] = await Promise.allSettled([
    options.model === undefined
      ? selectProvider(config, probe === undefined ? {} : { ollamaTimeoutMs: probe })
      : givenModel(options.model, config),
    openStore(config),
  ]);
  if (selected.status === 'rejected' || opened.status === 'rejected') {
    if (opened.status === 'fulfilled') await closeStore(opened.value);
    throw selected.status === 'rejected'
      ? selected.reason
      : (opened as PromiseRejectedResult).reason;
  }
  const selection = selected.value;
  const { store, release } = opened.value;
  log.info(`store: ${describeStore(config)}`);
  for (const line of describeModels(selection)) log.info(line);
  for (const warning of selection.warnings) log.warn(warning);
  log.info(describeUnevaluated(config.unevaluated));

  // Agents out of service are known once the agent modules ran; turns ask at each message.
  const outOfService = new Map<string, AgentAccess>();
  const agentAccess = (agentId: string) => outOfService.get(agentId);
  const conduct = createConduct({
    store,
    model: selection.model,
    agentAccess,
    unfinishedTurns: config.unfinishedTurns,
    ...(config.unfinishedTurnsMaxAgeMs === undefined
      ? {}
      : { unfinishedTurnsMaxAgeMs: config.unfinishedTurnsMaxAgeMs }),
    ...(config.unfinishedTurnsConcurrency === undefined
      ? {}
      : { unfinishedTurnsConcurrency: config.unfinishedTurnsConcurrency }),
    unevaluated: config.unevaluated,
    // Without a provider there is nothing to classify with (every turn says what to configure).
    ...defaultMatchers(selection.provider === 'none' ? { guidelineClassifier: false } : {}),
    onTurnEnd: (report) => logTurn(log, report),
    onError: (error, { sessionId }) =>
      // A configuration problem a turn met (a tool nothing registers) is said in one line.
      ConfigurationError.is(error)
        ? log.error(`session ${sessionId}: ${error.message}`)
        : log.error(`session ${sessionId}`, error),
  });
  let server: ServerType;
  let toolServices: StartedToolServices | undefined;
  try {
    // Before the agent modules: their guidelines and journeys may name the services' tools.
    toolServices = await startToolServices({
      conduct,
      registrations: store.toolServices,
      configured:
        config.toolServicesFile === undefined
          ? []
          : await readToolServicesFile(config.toolServicesFile),
      log,
      serviceHosts: config.serviceHosts,
      allowLoopback: config.auth === 'dev',
    });
    const plan = await loadAgentModules(conduct, config.agentModules, log);
    const unserved = await findAgentsOutOfService({
      store,
      tools: conduct.tools,
      loaded: new Set(plan?.agents.map((agent) => agent.agentId) ?? []),
    });
    for (const line of await describeAgents(store, new Set(unserved.map((a) => a.agentId)))) {
      log.info(line);
    }
    for (const agent of unserved) {
      log.warn(describeOutOfService(agent, config.orphanAgents));
      const access = accessFor(agent, config.orphanAgents);
      if (access !== undefined) outOfService.set(agent.agentId, access);
    }
    // Crash recovery: turns a previous run left unfinished are resumed or marked, in the
    // background (each under its session's lock, so a live process is never doubled).
    const recovered = await conduct.engine.recoverUnfinishedTurns();
    const resuming = recovered.turns.filter((turn) => turn.action === 'resume').length;
    const marking = recovered.turns.length - resuming;
    if (resuming > 0) log.info(`resuming ${resuming} unfinished turn(s)`);
    if (marking > 0) {
      const why = recovered.mode === 'mark' ? '' : ' (too old to resume)';
      log.info(`marking ${marking} unfinished turn(s) as interrupted${why}`);
    }
    const appOptions = appOptionsFor(config, selection);
    log.info(describeModeration(appOptions));
    const app = createConductApp({
      conduct: { ...conduct, agentAccess, toolServices: toolServices.directory },
      ...appOptions,
      onUnexpectedError: (error, request) =>
        log.error(`${request.method} ${request.path}: unexpected error`, error),
    });
    server = await listen({ fetch: app.fetch, port: config.port, host: config.host });
  } catch (error) {
    const started = toolServices;
    await runCloseSteps([started && (() => started.close()), () => conduct.close(), release]).catch(
      () => {},
    );
    throw error;
  }
  const startedToolServices = toolServices;

  const stopClassifying = new AbortController();
  const classification =
    selection.provider === 'none'
      ? Promise.resolve(undefined)
      : classifyAllGuidelines(conduct, log, stopClassifying.signal);
  let closing: Promise<void> | undefined;
  const close = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    stopClassifying.abort();
    await classification;
    // The engine first (uncommitted turns are cancelled, committed ones finish), then the store.
    // Every step runs even when one fails (a rejected engine close must not keep the lock).
    await runCloseSteps([
      () => conduct.close(),
      () => startedToolServices.close(),
      release,
      async () => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        await stopped;
      },
    ]);
  };
  return {
    url: urlOf(server, config.host),
    conduct,
    selection,
    classification,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

/** The selection of a model given to {@link startServer}. */
async function givenModel(model: LanguageModel, config: ServerConfig): Promise<ModelSelection> {
  return {
    provider: 'given',
    modelId: model.modelId,
    model: createModelRouter({
      default: model,
      ...(config.taskTimeouts === undefined ? {} : { timeouts: config.taskTimeouts }),
      ...(config.hedging === undefined ? {} : { hedging: config.hedging }),
    }),
    reason: 'given to startServer',
    routes: {},
    warnings: [],
  };
}

async function closeStore({ store, release }: OpenedStore): Promise<void> {
  await runCloseSteps([() => store.close(), release]);
}

function urlOf(server: ServerType, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
