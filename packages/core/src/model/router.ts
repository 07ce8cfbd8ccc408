import type { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { type ModelCallListener, recordModelCalls } from './call-recording.js';
import { createFallbackModel } from './fallback-model.js';
import type {
  GenerateObjectRequest,
  GenerateObjectResult,
  LanguageModel,
  StreamTextRequest,
  TextStream,
} from './language-model.js';

/** One route: a model, or a fallback chain tried in order (see `createFallbackModel`). */
export type ModelRoute = LanguageModel | readonly LanguageModel[];

/** Options of {@link createModelRouter}. */
export interface ModelRouterOptions {
  /** Serves every task without a route of its own. */
  default: ModelRoute;
  /** Per-task routes, keyed by task name (`request.task`), e.g. `{ compose: strongModel }`. */
  tasks?: Readonly<Record<string, ModelRoute>>;
  /**
   * Called once per model attempt, success or failure: a call that falls back from model A to
   * model B is reported twice, first A's failure, then B's outcome.
   */
  onCall?: ModelCallListener;
}

/**
 * A {@link LanguageModel} that serves each call with the model routed to its `request.task`,
 * falling back along the route's chain. Its own `provider` is `router` and its `modelId` is
 * that of the default route's first model.
 */
export interface ModelRouter extends LanguageModel {
  /**
   * The model serving `task`: its route's fallback chain, with recording when `onCall` is set.
   * Calls made through it are recorded under their own `request.task`.
   */
  modelFor(task: string): LanguageModel;
  /** The models configured for `task` (its own route, else the default), in fallback order. */
  chainFor(task: string): readonly LanguageModel[];
  /** Task names that have a route of their own. */
  readonly routedTasks: readonly string[];
}

interface Route {
  chain: readonly LanguageModel[];
  model: LanguageModel;
}

/**
 * Creates a {@link ModelRouter}. Throws `ConfigurationError` for an empty chain or task name.
 *
 * @example
 * const model = createModelRouter({
 *   default: [primary, backup],
 *   tasks: { actionable: cheapModel },
 *   onCall: (record) => recorder.modelCall(record),
 * });
 */
export function createModelRouter(options: ModelRouterOptions): ModelRouter {
  const build = (route: ModelRoute, label: string): Route => {
    const chain: readonly LanguageModel[] = isChain(route) ? [...route] : [route];
    if (chain.length === 0) {
      throw new ConfigurationError(`Model route for ${label} is an empty list; give at least one`);
    }
    const { onCall } = options;
    const recorded = onCall ? chain.map((model) => recordModelCalls(model, onCall)) : chain;
    return { chain, model: createFallbackModel(recorded) };
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

function isChain(route: ModelRoute): route is readonly LanguageModel[] {
  return Array.isArray(route);
}
