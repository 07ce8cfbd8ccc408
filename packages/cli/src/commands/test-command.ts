import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage, type LanguageModel, NotFoundError } from '@conduct/core';
import {
  type Cassette,
  formatCassetteReport,
  formatJsonReport,
  formatJUnitReport,
  formatTerminalReport,
  openCassette,
  runScenarios,
  type Scenario,
  type ScenarioTarget,
  type SuiteResult,
  UnknownAgentError,
  withCassetteScopes,
} from '@conduct/scenarios';
import { CliError, EXIT } from '../exit-codes.js';
import { realModel } from '../in-process/model-from-env.js';
import type { CliIo } from '../io.js';
import { loadScenarioFiles } from '../scenario-files.js';
import { type OpenedTarget, openTarget, targetChoice } from '../target-options.js';
import { cassetteChoice } from './cassette-options.js';

/** Options of {@link runTests}: the command's arguments as commander parsed them. */
export interface RunTestsOptions {
  files: string[];
  options: Record<string, unknown>;
  io: CliIo;
}

/**
 * `conduct test`: loads the scenario files, runs them on the chosen target (a server by URL, or
 * the agent modules in this process, optionally through a cassette), prints the report, writes
 * the JUnit and JSON reports asked for, and resolves with the exit code (0 all passed, 1 a
 * scenario failed).
 */
export async function runTests({ files, options, io }: RunTestsOptions): Promise<number> {
  const choice = targetChoice(options, io.env);
  const cassetteOptions = cassetteChoice(options, choice);
  const paths = files.length > 0 ? files : ['.'];
  const scenarios = selectByTags(await loadScenarioFiles(paths, io.cwd), options);
  if (scenarios.length === 0) {
    const tagged = options.tag !== undefined || options.skipTag !== undefined;
    throw new CliError(
      `No scenarios found${tagged ? ' with the tags asked for' : ''} in ${paths.join(', ')} (YAML files, or *.scenario.ts modules)`,
    );
  }
  const cassette =
    cassetteOptions === undefined
      ? undefined
      : await openCassette({
          path: resolve(io.cwd, cassetteOptions.path),
          mode: cassetteOptions.mode,
        });
  const model = await agentModel({ cassette, io, inProcess: choice.kind === 'in-process' });
  let opened: OpenedTarget | undefined;
  let result: SuiteResult;
  try {
    opened = await openTarget({
      choice,
      io,
      model: async () => {
        if (model === undefined) throw new CliError('No language model for the in-process run');
        return model;
      },
    });
    const target =
      cassette === undefined ? opened.target : withCassetteScopes(opened.target, cassette);
    await checkAgents(target, scenarios);
    io.stderr.write(`Running ${scenarios.length} scenario(s) on ${target.description}…\n`);
    result = await runScenarios({
      scenarios,
      target,
      ...(model === undefined ? {} : { model }),
      ...(typeof options.repeat === 'number' ? { repeat: options.repeat } : {}),
    });
  } finally {
    await opened?.close();
  }
  const color = (io.stdout as { isTTY?: boolean }).isTTY === true;
  io.stdout.write(`${formatTerminalReport(result, { color })}\n`);
  await writeReports({ result, options, io });
  if (cassette !== undefined) {
    const wrote = await cassette.save();
    const report = cassette.report();
    io.stderr.write(`${formatCassetteReport(report)}\n`);
    if (wrote) io.stderr.write(`wrote ${cassetteOptions?.path}\n`);
    // The engine tolerates many failed model calls (an unevaluated batch, a lost preamble), so
    // a replay that missed calls can still pass every expectation: it proves nothing then.
    if (cassette.mode === 'replay' && (report.missed.length > 0 || report.changed.length > 0)) {
      io.stderr.write(
        `failed: the replay missed ${report.missed.length} call(s) and found ${report.changed.length} changed prompt(s) — the cassette no longer matches what the agent asks; re-record it (--record) and review the diff\n`,
      );
      return EXIT.failed;
    }
  }
  return result.passed ? EXIT.ok : EXIT.failed;
}

/**
 * The model the run uses. In process: the real one from the environment, through the cassette
 * when there is one (a replay needs none). By URL the server has its own; a judge or simulated
 * customer still needs one here, so it is taken from the environment when configured.
 */
async function agentModel(input: {
  cassette: Cassette | undefined;
  io: CliIo;
  inProcess: boolean;
}): Promise<LanguageModel | undefined> {
  const { cassette, io } = input;
  if (cassette !== undefined) {
    if (cassette.mode === 'replay') return cassette.wrap();
    const real = await realModel(io);
    io.stderr.write(`model: ${real.description} (${cassette.mode} ${cassette.path})\n`);
    return cassette.wrap(real.model);
  }
  try {
    const real = await realModel(io);
    io.stderr.write(`model: ${real.description}\n`);
    return real.model;
  } catch (error) {
    // By URL a model is only needed for judges and simulated customers: the runner says which.
    if (!input.inProcess && error instanceof CliError) return undefined;
    throw error;
  }
}

/** The scenarios `--tag` (any of them) and `--skip-tag` (none of them) keep. */
function selectByTags(scenarios: Scenario[], options: Record<string, unknown>): Scenario[] {
  const only = options.tag as string[] | undefined;
  const skip = (options.skipTag as string[] | undefined) ?? [];
  return scenarios.filter((scenario) => {
    const tags = scenario.tags ?? [];
    if (only !== undefined && !only.some((tag) => tags.includes(tag))) return false;
    return !skip.some((tag) => tags.includes(tag));
  });
}

/**
 * Every agent the scenarios name exists on the target: a wrong id is a mistake in the files (or
 * the wrong server), said once, before anything runs.
 */
async function checkAgents(target: ScenarioTarget, scenarios: readonly Scenario[]): Promise<void> {
  if (target.describeAgent === undefined) return;
  for (const agent of new Set(scenarios.map((scenario) => scenario.agent))) {
    try {
      await target.describeAgent(agent);
    } catch (error) {
      if (!NotFoundError.is(error) && !UnknownAgentError.is(error)) throw error;
      const naming = scenarios
        .filter((scenario) => scenario.agent === agent)
        .map(
          (scenario) => `'${scenario.name}'${scenario.source ? ` (${scenario.source.file})` : ''}`,
        );
      throw new CliError(
        `Unknown agent '${agent}' on ${target.description}, named by ${naming.join(', ')}`,
      );
    }
  }
}

async function writeReports(input: {
  result: SuiteResult;
  options: Record<string, unknown>;
  io: CliIo;
}): Promise<void> {
  const { result, options, io } = input;
  const outputs: [unknown, (suite: SuiteResult) => string][] = [
    [options.junit, formatJUnitReport],
    [options.json, formatJsonReport],
  ];
  for (const [file, format] of outputs) {
    if (typeof file !== 'string') continue;
    try {
      await writeFile(resolve(io.cwd, file), format(result), 'utf8');
    } catch (error) {
      throw new CliError(`Cannot write ${file}: ${errorMessage(error)}`);
    }
  }
}
