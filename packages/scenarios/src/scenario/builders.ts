import type { Expectation, RunPolicy, Scenario, ScriptedTurn, SimulatedCustomer } from './types.js';

/**
 * A scenario defined in code: the same object a YAML file describes, typed. Values that only
 * code can hold are allowed too (a `RegExp` or a test for tool arguments and reply patterns).
 *
 * ```ts
 * const returnInWindow = defineScenario({
 *   name: 'Return inside the window',
 *   agent: 'voltmart-support',
 *   customer: 'cus-aiko-tanaka',
 *   turns: [{
 *     customer: 'Can I return the Lumen 55 TV from order VM-10425?',
 *     expect: { guidelines: { matched: ['Return'] }, tools: { notCalled: ['start_return'] } },
 *   }],
 * });
 * ```
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** Options of {@link scenario}. */
export interface ScenarioOptions {
  agent: string;
  customer?: string;
  description?: string;
  tags?: string[];
}

/**
 * Builds a scenario step by step:
 *
 * ```ts
 * const claim = scenario('Warranty claim, covered', { agent: 'voltmart-support' })
 *   .turn('My QuietPro 2 headphones stopped working', {
 *     journey: { name: 'Warranty claim', state: 'ask' },
 *   })
 *   .turn('The serial is QP2-7731-0042', {
 *     journey: { name: 'Warranty claim', state: 'covered', via: ['coverage'] },
 *     reply: { template: 'voltmart-warranty-confirmed' },
 *   })
 *   .repeat(3)
 *   .build();
 * ```
 */
export function scenario(name: string, options: ScenarioOptions): ScenarioBuilder {
  return new ScenarioBuilder({ name, ...options });
}

/** See {@link scenario}. Each method returns a new builder; `build()` returns the scenario. */
export class ScenarioBuilder {
  readonly #scenario: Scenario;

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
  }

  /** The customer writes `message`; `expect` says what must hold after the agent's turn. */
  turn(message: string, expect?: Expectation): ScenarioBuilder {
    const turn: ScriptedTurn =
      expect === undefined ? { customer: message } : { customer: message, expect };
    return this.#with({ turns: [...(this.#scenario.turns ?? []), turn] });
  }

  /** A simulated customer plays the conversation instead of scripted turns. */
  simulate(customer: SimulatedCustomer): ScenarioBuilder {
    return this.#with({ simulate: customer });
  }

  /** What must hold once the simulated conversation ends. */
  success(expect: Expectation): ScenarioBuilder {
    return this.#with({ success: expect });
  }

  /** A criterion the judge checks against the whole conversation. */
  judge(criterion: string): ScenarioBuilder {
    return this.#with({ judge: criterion });
  }

  /** Runs the scenario `times` times; `policy` says which runs must pass (default `all`). */
  repeat(times: number, policy?: RunPolicy): ScenarioBuilder {
    return this.#with({ repeat: times, ...(policy === undefined ? {} : { policy }) });
  }

  /** The scenario. */
  build(): Scenario {
    return { ...this.#scenario };
  }

  #with(change: Partial<Scenario>): ScenarioBuilder {
    return new ScenarioBuilder({ ...this.#scenario, ...change });
  }
}
