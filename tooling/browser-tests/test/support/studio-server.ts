import type { AddressInfo } from 'node:net';
import { createConduct } from '@conduct/core';
import {
  answerPerItem,
  createScriptedModel,
  type ScriptedRequest,
  viewPrompt,
} from '@conduct/core/testing';
import { type AuthPolicy, createConductApp } from '@conduct/http';
import { defaultMatchers } from '@conduct/matchers';
import { studioAssets } from '@conduct/studio';
import { type ServerType, serve } from '@hono/node-server';
import setup, {
  VOLTMART_AGENT_ID,
} from '../../../../apps/server/agents/electronics-store/index.js';

// The example agent (Voltmart's Ava) with a model that answers only from evidence in its
// prompts, as a careful, literal model would: the studio is shown real decision records.

/** The serial number of Dana's headphones, under warranty in the example data. */
export const DANA_SERIAL = 'QP2-7731-0042';

const promptOf = (request: Pick<ScriptedRequest, 'messages'>) =>
  request.messages.map((message) => message.content).join('\n');

/** The first numbered move (`3. …`) whose text contains `move`, when the prompt shows `evidence`. */
const stepOnEvidence =
  (rules: readonly { move: string; evidence: string }[]) => (request: ScriptedRequest) => {
    const prompt = promptOf(request);
    for (const rule of rules) {
      if (!prompt.includes(rule.evidence)) continue;
      const line = [...prompt.matchAll(/^(\d+)\. (.*)$/gm)].find((l) => l[2]!.includes(rule.move));
      if (line)
        return { why: `the conversation shows ${rule.evidence}`, back: null, next: line[1]! };
    }
    return { why: 'nothing shows the step is done', back: null, next: 'stay' };
  };

/** Which rules apply: an item whose text contains `item`, when the prompt shows `evidence`. */
const applyOnEvidence = (rules: readonly { item: string; evidence: string; why: string }[]) =>
  answerPerItem({
    applies: (item, prompt) =>
      rules.find((rule) => item.text.includes(rule.item) && prompt.shows(rule.evidence))?.why ??
      false,
  });

const RULES = [
  {
    item: 'stopped working',
    evidence: 'stopped working',
    why: 'the customer says the headphones stopped working',
  },
  {
    item: 'how long the repair takes',
    evidence: 'How long will the repair take',
    why: 'the customer asks how long the repair takes',
  },
] as const;

function voltmartModel() {
  const model = createScriptedModel()
    .on(
      'journey-step',
      stepOnEvidence([
        { move: 'is in warranty', evidence: '"in_warranty":true' },
        { move: 'gave a serial number', evidence: DANA_SERIAL },
      ]),
    )
    .on('tool-call', (request) =>
      promptOf(request).includes(DANA_SERIAL)
        ? {
            reason: 'the customer gave the serial number',
            calls: [{ arguments: { serial_number: DANA_SERIAL, product: null } }],
          }
        : { reason: 'no serial number yet', calls: [] },
    )
    .on('canned-select', (request) => {
      const prompt = viewPrompt(request);
      const draft = prompt.section('draft') ?? '(no draft)';
      const line = [...prompt.text.matchAll(/^\[(\d+)\] (.*)$/gm)].find((l) =>
        l[2]!.includes(draft),
      );
      return line
        ? { choice: Number(line[1]), fit: 'full', fields: [] }
        : { choice: 0, fit: 'none', fields: [] };
    })
    .on('compose', (request) => {
      const approved = viewPrompt(request).section('approved-wording')?.split('\n') ?? [];
      return (
        approved.find((line) => line.startsWith('- '))?.slice(2) ??
        (promptOf(request).includes('Ask for the serial number')
          ? 'Sorry to hear that! What is the serial number of the headphones? It is on the label under the headband.'
          : 'Hello! How can I help you today?')
      );
    });
  for (const task of ['observation', 'actionable', 'low-criticality'] as const) {
    model.on(task, applyOnEvidence(RULES));
  }
  return model;
}

/** A live Conduct API serving the studio, with the example agent. */
export interface StudioServer {
  url: string;
  agentId: string;
  close(): Promise<void>;
}

/** Starts it on `port` (default: an ephemeral one) of 127.0.0.1. */
export async function startStudioServer(
  options: { auth?: AuthPolicy; port?: number } = {},
): Promise<StudioServer> {
  const conduct = createConduct({
    model: voltmartModel(),
    ...defaultMatchers({
      relevanceFilter: false,
      guidelineClassifier: false,
      responseAnalyzer: false,
    }),
  });
  await setup(conduct);
  await conduct.store.customers.create({ id: 'cus-dana-whitfield', name: 'Dana Whitfield' });
  const app = createConductApp({
    conduct,
    ...(options.auth ? { auth: options.auth } : {}),
    studio: { assets: studioAssets() },
  });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve(
      { fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' },
      () => resolve(started),
    );
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    agentId: VOLTMART_AGENT_ID,
    close: async () => {
      await conduct.close();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
