import { type Conduct, createConduct, createMemoryStore, type LanguageModel } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import { CliError } from '../exit-codes.js';
import { bundledExampleModule, loadAgentModules } from './agent-modules.js';

/** Options of {@link createLocalConduct}. */
export interface LocalConductOptions {
  model: LanguageModel;
  /** Agent module paths; none: the bundled example agent. */
  agentModules: readonly string[];
  cwd: string;
}

/**
 * An engine in this process on a fresh in-memory store, with the default matchers and the given
 * agent modules (else the bundled example), ready for a target.
 */
export async function createLocalConduct(options: LocalConductOptions): Promise<Conduct> {
  let modules = options.agentModules;
  if (modules.length === 0) {
    const example = await bundledExampleModule();
    if (example === undefined) {
      throw new CliError('Give the agent module(s) to run with --agent-module <path>');
    }
    modules = [example];
  }
  const conduct = createConduct({
    store: createMemoryStore(),
    model: options.model,
    ...defaultMatchers(),
    // Failed turns are reported by the scenario (their `error` status), not logged twice.
    onError: () => {},
  });
  try {
    await loadAgentModules({ conduct, paths: modules, cwd: options.cwd });
    // Classify the guidelines now, not beside the first turns: a turn's prompts then never
    // depend on how far background classification got (a replayed cassette would miss).
    await conduct.prepare();
  } catch (error) {
    await conduct.close();
    throw error;
  }
  return conduct;
}
