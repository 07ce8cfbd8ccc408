import { z } from 'zod';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import type { ScriptedAnswerFunction } from '../../src/testing/model-script.js';
import { defineTool } from '../../src/tools/define-tool.js';

/** The number a prompt gives the template containing `snippet` (`[n] …`), or 0. */
export function numberOf(prompt: string, snippet: string): number {
  const line = prompt.split('\n').find((l) => /^\[\d+\] /.test(l) && l.includes(snippet));
  return line === undefined ? 0 : Number(line.slice(1, line.indexOf(']')));
}

/** A scripted answer choosing the template that contains `snippet`, plus `extra` fields. */
export function choose(
  snippet: string,
  extra: Record<string, unknown> = {},
): ScriptedAnswerFunction {
  return (request) => {
    const prompt = request.messages.map((m) => m.content).join('\n');
    return { draft: 'note', choice: numberOf(prompt, snippet), fit: 'full', fields: [], ...extra };
  };
}

/** An order-status tool whose result offers canned-response fields. */
export function orderStatusTool(fields: Record<string, unknown> = {}) {
  return defineTool({
    name: 'order_status',
    description: 'Look up the status of an order',
    parameters: z.object({ orderId: z.string().describe('order number') }),
    run: async (_context, args: { orderId: string }) => ({
      data: { orderId: args.orderId, status: 'shipped' },
      cannedResponseFields: {
        order_id: args.orderId,
        eta: 'Friday',
        order: { carrier: 'DHL' },
        ...fields,
      },
    }),
  });
}

/** A keyword-free strategy that takes `ms` and matches nothing (lets a preamble finish first). */
export function slowStrategy(ms: number): MatchingStrategy {
  return {
    name: 'slow',
    handles: () => true,
    evaluate: async (guidelines) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: false })) };
    },
  };
}

/**
 * A refund journey (`ask` → `confirm` → `done`) whose `confirm` state has its own composition
 * mode; the agent keeps its own.
 */
export function refundJourney(confirmMode: 'canned_fluid' | 'strict_canned') {
  return {
    id: 'refund',
    title: 'Refund an order',
    triggers: ['the customer wants a refund'],
    states: [
      { id: 'ask', type: 'chat' as const, instruction: 'Ask for the order number' },
      {
        id: 'confirm',
        type: 'chat' as const,
        instruction: 'Confirm the refund',
        compositionMode: confirmMode,
      },
      { id: 'done', type: 'end' as const },
    ],
    transitions: [
      { from: 'ask', to: 'confirm', condition: 'the customer gave an order number' },
      { from: 'confirm', to: 'done', condition: 'the customer acknowledged' },
    ],
  };
}
