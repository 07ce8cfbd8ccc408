import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolEventDataSchema } from '../domain/event-data.js';
import { turnToolCallSchema } from '../domain/turn-record.js';
import { defineTool } from './define-tool.js';
import { runToolCalls } from './run-tool-calls.js';
import { validateToolCall } from './validate-call.js';
import { toSkippedTurnToolCall, toToolCallData, toTurnToolCall } from './wire.js';

const scope = { agentId: 'agent1', sessionId: 'session1', customerId: 'guest', traceId: 'trace' };

const balance = defineTool({
  name: 'balance',
  service: 'bank',
  description: 'Reads the account balance',
  parameters: z.object({ account: z.string() }),
  run: (_context, { account }) => ({
    data: { account, balance: 10 },
    metadata: { source: 'core-banking' },
    control: { lifespan: 'response', transfer: { agentId: 'billing' } },
    cannedResponseFields: { balance: '10 EUR' },
    guidelines: [{ action: 'Mention the overdraft fee' }],
  }),
});
const plain = defineTool({
  name: 'plain',
  description: 'd',
  parameters: z.object({}),
  run: () => 'ok',
});
const broken = defineTool({
  name: 'broken',
  description: 'd',
  parameters: z.object({}),
  run: () => {
    throw new Error('service unavailable');
  },
});

async function outcomes() {
  return runToolCalls(
    [
      { tool: balance, args: { account: 'A-1' } },
      { tool: plain, args: {} },
      { tool: broken, args: {} },
    ],
    { context: scope },
  );
}

describe('wire mapping', () => {
  it('produces tool event data that matches the event schema', async () => {
    const data = { tool_calls: (await outcomes()).map(toToolCallData) };
    expect(toolEventDataSchema.parse(data)).toEqual(data);
    expect(data.tool_calls).toEqual([
      {
        tool_id: 'bank:balance',
        arguments: { account: 'A-1' },
        result: {
          data: { account: 'A-1', balance: 10 },
          metadata: { source: 'core-banking' },
          control: { lifespan: 'response' },
          canned_responses: [],
          canned_response_fields: { balance: '10 EUR' },
          guidelines: [{ action: 'Mention the overdraft fee' }],
        },
      },
      {
        tool_id: 'local:plain',
        arguments: {},
        result: {
          data: 'ok',
          metadata: {},
          control: {},
          canned_responses: [],
          canned_response_fields: {},
        },
      },
      {
        tool_id: 'local:broken',
        arguments: {},
        result: {
          data: { error: 'service unavailable' },
          metadata: {},
          control: {},
          canned_responses: [],
          canned_response_fields: {},
        },
      },
    ]);
    // Survives JSON, as stored events must.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('produces turn record entries that match the turn record schema', async () => {
    const [ok, , failed] = (await outcomes()).map(toTurnToolCall);
    expect(turnToolCallSchema.parse(ok)).toEqual(ok);
    expect(turnToolCallSchema.parse(failed)).toEqual(failed);
    expect(ok).toMatchObject({
      tool: 'bank:balance',
      arguments: { account: 'A-1' },
      status: 'succeeded',
      result: {
        data: { account: 'A-1', balance: 10 },
        control: { transfer: { agentId: 'billing' } },
      },
      error: null,
    });
    expect(failed).toMatchObject({
      tool: 'local:broken',
      status: 'failed',
      error: 'service unavailable',
    });
    expect(failed).not.toHaveProperty('result');
  });

  it('records a call rejected by validation as skipped', () => {
    const checked = validateToolCall(balance, { account: 7 });
    if (checked.ok) throw new Error('expected a failure');
    const entry = toSkippedTurnToolCall(balance.ref, { account: 7 }, checked.insights);
    expect(turnToolCallSchema.parse(entry)).toEqual({
      tool: 'bank:balance',
      arguments: { account: 7 },
      status: 'skipped',
      error: 'account: expected string, received number',
      durationMs: 0,
    });
    expect(toSkippedTurnToolCall(balance.ref, 'nonsense', checked.insights).arguments).toEqual({});
  });
});
