import type { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { type ModelCallListener, recordModelCalls } from './call-recording.js';
import { HedgePolicy, type HedgingOptions } from './hedge-policy.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  StreamTextRequest,
  TextStream,
} from './language-model.js';
import { createRoutedModel } from './routed-model.js';
import { resolveTaskTimeouts } from './task-deadlines.js';

/** One route: a model, or a fallback chain tried in order (see `createFallbackModel`). */
export type ModelRoute = LanguageModel | readonly LanguageModel[] | MarkedModelRoute;

/** A route with marks, e.g. `{ model: llama3b, small: true }`. */
export interface MarkedModelRoute {
  model: LanguageModel | readonly LanguageModel[];
  /**
   * The route's models are small: tasks that can ask simpler questions do (e.g. a verdict with
   * its reason for every item instead of listing only the items that apply). Default false.
   */
  small?: boolean;
}

/** Options of {@link createModelRouter}. */
export interface ModelRouterOptions {
  /** Serves every task without a route of its own. */
  default: ModelRoute;
  /**
   * Per-task routes, keyed by task name (`request.task`), e.g.
   * `{ compose: strongModel, actionable: { model: cheapModel, small: true } }`.
   */
  tasks?: Readonly<Record<string, ModelRoute>>;
  /**
   * Called once per model attempt, success or failure: a call that falls back from model A to
   * model B is reported twice, first A's failure, then B's outcome.
   */
  onCall?: ModelCallListener;
  /**
   * Per-task deadlines in ms, over `DEFAULT_TASK_TIMEOUTS` (`Infinity` removes one). A task's
   * deadline replaces the request's `timeoutMs`: for a structured call it bounds each request
   * (every fallback and the hedge get a full one); for a text stream it bounds the wait for the
   * first text and for each next chunk, never the whole stream. Tasks without a deadline keep
   * the request's `timeoutMs` as it is.
   */
  timeouts?: Readonly<Record<string, number>>;
  /**
   * Hedging of calls that run past their task's usual latency: a second request (the next model
   * of the route's chain, else the same one) is started and the first answer wins. Default:
   * adaptive, and before enough calls were seen, at 40 % of the task's deadline (see
   * {@link HedgingOptions}); `false` turns it off. A fixed `delayMs` must stay below the
   * deadlines it applies to.
   */
  hedging?: HedgingOptions | false;
}

/**
 * A {@link LanguageModel} that serves each call with the model routed to its `request.task`,
 * falling back along the route's chain, within the task's deadline, hedging slow calls. Its own `provider` is `router` and its `modelId` is
 * that of the default route's first model.
 */
export interface ModelRouter extends LanguageModel {
  /**
   * The model serving `task`: its route's fallback chain with deadlines and hedging, and with
   * recording when `onCall` is set. Calls made through it use and are recorded under their own
   * `request.task`.
   */
  modelFor(task: string): LanguageModel;
  /** The models configured for `task` (its own route, else the default), in fallback order. */
  chainFor(task: string): readonly LanguageModel[];
  /** Task names that have a route of their own. */
  readonly routedTasks: readonly string[];
  /** Whether the route serving `task` is marked `small` (see {@link MarkedModelRoute}). */
  isSmall(task: string): boolean;
}

interface Route {
  chain: readonly LanguageModel[];
  model: LanguageModel;
  small: boolean;
}

/**
 * Creates a {@link ModelRouter}. Throws `ConfigurationError` for an empty chain or task name, or
 * an invalid timeout or hedging option.
 *
 * @example
 * const model = createModelRouter({
 *   default: [primary, backup],
 *   tasks: { actionable: cheapModel },
 *   timeouts: { actionable: 8_000, compose: 20_000 },
 *   onCall: (record) => recorder.modelCall(record),
 * });
 */
export function createModelRouter(options: ModelRouterOptions): ModelRouter {
  const timeouts = resolveTaskTimeouts(options.timeouts);
  const timeoutFor = (task: string) => timeouts.get(task);
  const policy = options.hedging === false ? undefined : new HedgePolicy(options.hedging, timeouts);
  const build = (route: ModelRoute, label: string): Route => {
    const marked = isMarked(route) ? route : { model: route };
    const chain: readonly LanguageModel[] = isChain(marked.model)
      ? [...marked.model]
      : [marked.model];
    if (chain.length === 0) {
      throw new ConfigurationError(`Model route for ${label} is an empty list; give at least one`);
    }
    const { onCall } = options;
    const recorded = onCall ? chain.map((model) => recordModelCalls(model, onCall)) : chain;
    return {
      chain,
      model: createRoutedModel({ chain: recorded, timeoutFor, policy }),
      small: marked.small === true,
    };
  };

  const defaultRoute = build(options.default, 'the default');
  const routes = new Map<string, Route>();
  for (const [task, route] of Object.entries(options.tasks ?? {})) {
    if (task.trim() === '')
      throw new ConfigurationError('Model route task names must not be empty');
    routes.set(task, build(route, `task '${task}'`));
  }
  const routeFor = (task: string): Route => routes.get(task) ?? defaultRoute;

  return {
    provider: 'router',
    modelId: defaultRoute.model.modelId,
    routedTasks: [...routes.keys()],
    modelFor: (task) => routeFor(task).model,
    chainFor: (task) => routeFor(task).chain,
    isSmall: (task) => routeFor(task).small,
    generateObject<S extends z.ZodType>(
      request: GenerateObjectRequest<S>,
    ): Promise<GenerateObjectResult<z.output<S>>> {
      return routeFor(request.task).model.generateObject(request);
    },
    streamText(request: StreamTextRequest): TextStream {
      return routeFor(request.task).model.streamText(request);
    },
  };
}

function isChain(
  route: LanguageModel | readonly LanguageModel[],
): route is readonly LanguageModel[] {
  return Array.isArray(route);
}

function isMarked(route: ModelRoute): route is MarkedModelRoute {
  return !Array.isArray(route) && 'model' in route && !('generateObject' in route);
}
