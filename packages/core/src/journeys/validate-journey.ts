import type { Journey, JourneyInput } from '../domain/journey.js';
import { journeyInputSchema } from '../domain/journey.js';
import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { JourneyGraph } from './journey-graph.js';

/** What {@link journeyProblems} checks against, beyond the journey itself. */
export interface JourneyValidationOptions {
  /**
   * Whether a journey id exists (for `journey` states that nest another journey). Without it,
   * nested journey ids are not checked.
   */
  journeyExists?: (journeyId: string) => boolean;
  /** Whether a tool reference is registered. Without it, tool references are not checked. */
  toolExists?: (ref: string) => boolean;
  /**
   * The journeys another journey nests (its `journey` states), to find nesting cycles through
   * this one. Without it, only a journey nesting itself directly is caught.
   */
  nestedJourneys?: (journeyId: string) => readonly string[];
}

/** The parts of a journey that validation looks at. */
export type ValidatableJourney = Pick<
  Journey,
  'title' | 'initialStateId' | 'states' | 'transitions' | 'triggers'
> & { id?: string | undefined };

/**
 * Every structural problem of a journey's graph, each naming the state or transition at fault:
 * duplicate ids, an unknown initial state, transitions from or to unknown states, exits from an
 * `end` state, states the initial state cannot reach, `tool` states without exactly one
 * unconditional exit, states mixing conditional and unconditional exits, forks without exits,
 * unknown nested journeys, nesting cycles and unknown tools (when the options can tell).
 *
 * A journey without triggers is valid: it starts only when a relationship entails it, another
 * journey nests it, or triggers are added later.
 */
export function journeyProblems(
  journey: ValidatableJourney,
  options: JourneyValidationOptions = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: (string | number)[], type: string, message: string): void => {
    issues.push({ path, type, message });
  };
  const graph = new JourneyGraph(journey);

  for (const id of duplicates(journey.states.map((state) => state.id))) {
    add(['states'], 'duplicate_state', `state id '${id}' is used more than once`);
  }
  for (const id of duplicates(journey.transitions.map((transition) => transition.id))) {
    add(['transitions'], 'duplicate_transition', `transition id '${id}' is used more than once`);
  }
  for (const id of duplicates(journey.triggers.map((trigger) => trigger.id))) {
    const conditions = new Set(journey.triggers.filter((t) => t.id === id).map((t) => t.condition));
    const [condition] = conditions;
    add(
      ['triggers'],
      'duplicate_trigger',
      conditions.size === 1
        ? `trigger '${condition}' is given more than once`
        : `trigger id '${id}' is used more than once`,
    );
  }
  const initial = graph.state(journey.initialStateId);
  if (initial === undefined) {
    add(
      ['initialStateId'],
      'unknown_state',
      `initial state '${journey.initialStateId}' is not one of the states`,
    );
  } else if (initial.type === 'end') {
    add(
      ['initialStateId'],
      'invalid_initial_state',
      `initial state '${initial.id}' is an end state`,
    );
  }
  journey.transitions.forEach((transition, index) => {
    for (const end of ['from', 'to'] as const) {
      if (!graph.has(transition[end])) {
        add(
          ['transitions', index, end],
          'unknown_state',
          `transition '${transition.id}' goes ${end} unknown state '${transition[end]}'`,
        );
      }
    }
  });
  const reachable = graph.reachable();
  journey.states.forEach((state, index) => {
    const at = (type: string, message: string) =>
      add(['states', index], type, `state '${state.id}' ${message}`);
    const exits = graph.exits(state.id);
    const conditional = exits.filter((exit) => exit.condition !== null).length;
    if (initial !== undefined && !reachable.has(state.id)) {
      at('unreachable_state', `cannot be reached from initial state '${journey.initialStateId}'`);
    }
    if (conditional > 0 && conditional < exits.length) {
      at(
        'mixed_exits',
        'mixes conditional and unconditional exits; give every exit a condition, or none',
      );
    }
    if (state.type === 'end' && exits.length > 0)
      at('end_with_exits', 'is an end state but has exits');
    if (state.type === 'fork' && exits.length === 0) at('dead_end', 'is a fork with no exits');
    if (state.type === 'tool' && exits.length === 0) {
      at('no_way_out', 'is a tool state with no way out; add one unconditional exit');
    } else if (state.type === 'tool' && (exits.length > 1 || conditional > 0)) {
      at(
        'tool_exits',
        'is a tool state and must have exactly one unconditional exit; branch on the result with a fork state after it',
      );
    }
    if (state.type === 'tool' && options.toolExists) {
      for (const ref of state.tools) {
        if (!options.toolExists(ref))
          at('unknown_tool', `names tool '${ref}', which is not registered`);
      }
    }
    if (state.type === 'journey') {
      const cycle =
        journey.id === undefined || options.nestedJourneys === undefined
          ? undefined
          : nestingCycle(state.journeyId, journey.id, options.nestedJourneys);
      if (journey.id !== undefined && state.journeyId === journey.id) {
        at('nested_self', 'nests its own journey');
      } else if (options.journeyExists && !options.journeyExists(state.journeyId)) {
        at('unknown_journey', `nests journey '${state.journeyId}', which does not exist`);
      } else if (cycle !== undefined) {
        at(
          'nested_cycle',
          `nests journey '${state.journeyId}', which nests this journey again (${cycle.join(' → ')})`,
        );
      }
    }
  });
  return issues;
}

/**
 * Parses a journey definition and checks its graph ({@link journeyProblems}).
 *
 * @throws ValidationError naming the journey and, for each problem, the state or transition.
 */
export function validateJourney(
  input: JourneyInput,
  options: JourneyValidationOptions = {},
): ReturnType<typeof journeyInputSchema.parse> {
  const parsed = parseOrThrow(journeyInputSchema, input, `journey '${titleOf(input)}'`);
  assertValidJourney(parsed, options);
  return parsed;
}

/**
 * Throws when {@link journeyProblems} finds anything.
 *
 * @throws ValidationError naming the journey and every problem.
 */
export function assertValidJourney(
  journey: ValidatableJourney,
  options: JourneyValidationOptions = {},
): void {
  const issues = journeyProblems(journey, options);
  if (issues.length === 0) return;
  throw new ValidationError(
    `Invalid journey '${journey.title}': ${issues.map((issue) => issue.message).join('; ')}`,
    issues,
  );
}

function titleOf(input: JourneyInput): string {
  return typeof input?.title === 'string' ? input.title : (input?.id ?? 'untitled');
}

/** The chain of nested journeys from `from` back to `target`, if there is one. */
function nestingCycle(
  from: string,
  target: string,
  nestedJourneys: (journeyId: string) => readonly string[],
): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, chain: string[]): string[] | undefined => {
    if (id === target) return chain;
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of nestedJourneys(id)) {
      const found = walk(next, [...chain, next]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(from, [from]);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}
