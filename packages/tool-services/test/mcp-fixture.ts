import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createToolRegistry, createToolServices, type ToolRegistry } from '@conduct/core';
import { runToolCalls, type ToolCallOutcome, validateToolCall } from '@conduct/core/internal';

/** The fixture MCP server script (the SDK's own server API). */
export const weatherServerScript = fileURLToPath(
  new URL('./fixtures/weather-mcp-server.mjs', import.meta.url),
);

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts the fixture over streamable HTTP on `port`; resolves once it listens. */
export async function startHttpServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [weatherServerScript, 'http', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`fixture said ${chunk.toString()}`);
  return child;
}

/** Kills a child process and waits for it to be gone. */
export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const scope = { agentId: 'agent', sessionId: 'session', customerId: 'guest', traceId: 'trace' };

/** Validates then runs one call of a registered tool, as the engine's tool stage does. */
export async function callTool(
  registry: ToolRegistry,
  ref: string,
  args: unknown,
): Promise<ToolCallOutcome> {
  const tool = registry.get(ref);
  if (!tool) throw new Error(`${ref} is not registered`);
  const validation = validateToolCall(tool, args);
  if (!validation.ok) throw new Error(validation.insights.map((i) => i.message).join('; '));
  const [outcome] = await runToolCalls([{ tool, args: validation.args }], { context: scope });
  return outcome!;
}

export { createToolRegistry, createToolServices };
