import { errorMessage } from '@conduct/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { chat } from './commands/chat-command.js';
import { fromSession } from './commands/from-session-command.js';
import { runTests } from './commands/test-command.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { realModel } from './in-process/model-from-env.js';
import type { CliIo } from './io.js';
import { openTarget, targetChoice } from './target-options.js';

/** Where `scenario from-session` looks when no `--url` is given: what `pnpm start` serves. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8800';

/**
 * Runs the `conduct` command with `argv` (the arguments after the command name) and resolves
 * with its exit code; errors are reported on `io.stderr`, never thrown.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (result) => {
    code = result;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end "with an error" in commander; they are successes here.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    io.stderr.write(`conduct: ${errorMessage(error)}\n`);
    return exitCodeOf(error);
  }
}

function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('conduct')
    .description('Test, chat with and inspect Conduct agents.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 passed, 1 a scenario failed, 2 bad input (option, file, agent, session), 3 server unreachable.',
    );

  targetOptions(
    program
      .command('test')
      .description('Run scenario files (YAML or TypeScript) or directories of them.')
      .argument('[files...]', 'scenario files or directories (default: the current directory)'),
  )
    .option('--cassette <file>', 'record model calls to, or replay them from, this file')
    .addOption(
      new Option('--record', 'call the real model and write the cassette anew').conflicts('replay'),
    )
    .addOption(
      new Option('--replay', 'answer every model call from the cassette (CI)').conflicts('record'),
    )
    .addOption(
      new Option(
        '--cassette-mode <mode>',
        'record, replay, or auto (replay, record what is missing)',
      )
        .choices(['record', 'replay', 'auto'])
        .conflicts(['record', 'replay']),
    )
    .option('--repeat <n>', 'run each scenario n times (pass^k)', positiveInteger)
    .option('--tag <tag>', 'run only scenarios with this tag (repeatable: any of them)', collect)
    .option('--skip-tag <tag>', 'leave out scenarios with this tag (repeatable)', collect)
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .action(async (files: string[], options: Record<string, unknown>) => {
      done(await runTests({ files, options, io }));
    });

  targetOptions(
    program
      .command('chat')
      .description(
        'Talk to an agent in the terminal; each reply shows why (guidelines, tools, journey).',
      )
      .argument('<agent>', 'the agent id'),
  )
    .option('--customer <id>', 'chat as this customer (default: a guest)')
    .action(async (agentId: string, options: Record<string, unknown>) => {
      const opened = await openTarget({
        choice: targetChoice(options, io.env),
        io,
        model: async () => (await realModel(io)).model,
      });
      try {
        done(
          await chat({
            agentId,
            target: opened.target,
            io,
            ...(typeof options.customer === 'string' ? { customerId: options.customer } : {}),
          }),
        );
      } finally {
        await opened.close();
      }
    });

  const scenario = program.command('scenario').description('Work with scenario files.');
  scenario
    .command('from-session')
    .description(
      'Write a stored conversation as a scenario (YAML): its customer turns and what the agent did.',
    )
    .argument('<sessionId>', 'the session to export')
    .option('--url <server>', 'the server that stores it', DEFAULT_SERVER_URL)
    .option('--api-key <key>', 'API key (default: $CONDUCT_API_KEY)')
    .option('--name <name>', 'the scenario name (default: the session title)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (sessionId: string, options: Record<string, unknown>) => {
      done(await fromSession({ sessionId, options, io }));
    });
  return program;
}

/** The options every command that talks to an agent takes: by URL, or in this process. */
function targetOptions(command: Command): Command {
  return command
    .option(
      '--url <server>',
      'run against this server through its REST API (e.g. http://127.0.0.1:8800)',
    )
    .option('--api-key <key>', 'API key for --url (default: $CONDUCT_API_KEY)')
    .option(
      '--agent-module <path>',
      'in process: an agent module to load (repeatable; default: the bundled example agent)',
      collect,
    );
}

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got '${value}'`);
  }
  return parsed;
}
