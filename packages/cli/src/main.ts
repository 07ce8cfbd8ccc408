import { runCli } from './cli.js';
import { processIo } from './io.js';

// Agent modules and scenario files may be TypeScript: without tsx already loaded (as under
// `pnpm conduct`), register its loader before anything imports them.
if (!process.execArgv.some((arg) => arg.includes('tsx'))) {
  const { register } = await import('tsx/esm/api');
  register();
}

process.exitCode = await runCli(process.argv.slice(2), processIo());
