import { createConduct, type ModelMessage } from '@conduct/core';
import { createScriptedModel, type ScriptedModelCall } from '@conduct/core/testing';
import { defaultMatchers } from '@conduct/matchers';
import { z } from 'zod';
import { loadCatalog } from '../../agents/electronics-store/catalog.js';
import setup, { VOLTMART_AGENT_ID } from '../../agents/electronics-store/index.js';
import { SCENARIO_TASKS_PAGE, scenarioTaskCalls } from './scenario-tasks.js';
import { type CatalogSituation, defaultAnswers, situations } from './situations.js';

/**
 * The catalog's fixed clock: the sample data's own `asOf` day, so order and warranty dates are
 * the ones written in `data/*.json`.
 */
export const CATALOG_NOW = new Date('2025-06-01T14:30:00.000Z');
/** The time zone the catalog's prompts show the time in. */
export const CATALOG_TIME_ZONE = 'Europe/Berlin';

const FENCE = '````';

/** Every catalog file (`docs/prompts/<name>`) with its content, in a stable order. */
export async function renderPromptCatalog(): Promise<Map<string, string>> {
  // The sample data shifts its dates to "today" once per process: pin it first.
  await loadCatalog(CATALOG_NOW);
  const files = new Map<string, string>();
  files.set('README.md', indexPage());
  for (const situation of situations) {
    files.set(`${situation.name}.md`, await renderSituation(situation));
  }
  const { name, title, summary } = SCENARIO_TASKS_PAGE;
  const calls = await scenarioTaskCalls({ now: CATALOG_NOW, timeZone: CATALOG_TIME_ZONE });
  const page = [`# ${title}`, '', summary, '', ...renderCalls(calls)];
  files.set(`${name}.md`, `${page.join('\n').trimEnd()}\n`);
  return files;
}

async function renderSituation(situation: CatalogSituation): Promise<string> {
  const model = createScriptedModel();
  const conduct = createConduct({
    model,
    // Classification runs once per guideline content, not in turns: the catalog shows turns.
    ...defaultMatchers({ relevanceFilter: false, guidelineClassifier: false }),
    clock: () => CATALOG_NOW,
    timeZone: CATALOG_TIME_ZONE,
    preamble: () => true,
  });
  await atFixedTime(async () => {
    await setup(conduct);
    await situation.prepare?.(conduct);
    await conduct.store.customers.create(situation.customer);
  });
  const agent = await conduct.agents.get(VOLTMART_AGENT_ID);
  const session = await agent.createSession({ customerId: situation.customer.id });
  const lines = [`# ${situation.title}`, '', situation.summary, ''];
  for (const [index, turn] of situation.turns.entries()) {
    model.reset();
    defaultAnswers(model);
    for (const [task, answer] of Object.entries(turn.answers ?? {})) model.on(task, answer);
    for (const [task, answers] of Object.entries(turn.queued ?? {})) model.queue(task, ...answers);
    await conduct.engine.postCustomerMessage(session.id, {
      message: turn.message,
      traceId: String(index + 1).repeat(32),
    });
    await conduct.engine.idle(session.id);
    lines.push(`## Turn ${index + 1}`, '', `Customer: ${turn.message}`, '');
    lines.push(...renderCalls(model.calls));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * Runs `define` with `new Date()` and `Date.now()` fixed at {@link CATALOG_NOW}: the agent's
 * guidelines, journeys and templates then share one creation time, so stores list them by id —
 * the same order on every run, whatever the machine's speed.
 */
async function atFixedTime(define: () => Promise<void>): Promise<void> {
  const RealDate = globalThis.Date;
  const fixed = CATALOG_NOW.getTime();
  class FixedDate extends RealDate {
    constructor(...args: [] | [string | number | Date]) {
      super(...((args.length === 0 ? [fixed] : args) as [number]));
    }
    static override now(): number {
      return fixed;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    await define();
  } finally {
    globalThis.Date = RealDate;
  }
}

// Calls of one wave run in parallel; ordering by task and prompt keeps the file stable.
function renderCalls(calls: readonly ScriptedModelCall[]): string[] {
  const ordered = calls
    .map((call) => ({ call, text: promptText(call.messages) }))
    .sort((a, b) => {
      const first = (call: ScriptedModelCall) =>
        calls.findIndex((other) => other.task === call.task);
      return first(a.call) - first(b.call) || a.text.localeCompare(b.text);
    });
  return ordered.flatMap(({ call }, index) => [
    `### ${index + 1}. \`${call.task}\``,
    '',
    ...call.messages.flatMap((message) => renderMessage(message)),
    ...renderSchema(call),
    ...renderOutput(call),
  ]);
}

function renderMessage(message: ModelMessage): string[] {
  const cached = message.cacheBreakpoint ? ' (cached prefix ends here)' : '';
  return [`**${message.role}**${cached}`, '', `${FENCE}text`, message.content, FENCE, ''];
}

function renderSchema(call: ScriptedModelCall): string[] {
  if (call.schema === undefined) return ['Response: free text.', ''];
  const schema = JSON.stringify(z.toJSONSchema(call.schema, { io: 'input' }), null, 2);
  return ['Response schema:', '', `${FENCE}json`, schema, FENCE, ''];
}

function renderOutput(call: ScriptedModelCall): string[] {
  if (call.error !== undefined) {
    // Shown, never skipped: a catalog call that failed is a broken script or prompt to fix.
    const message = call.error instanceof Error ? call.error.message : String(call.error);
    return ['**The call failed:**', '', `${FENCE}text`, message, FENCE, ''];
  }
  if (call.output === undefined) return [];
  return ['Scripted answer:', '', `${FENCE}text`, call.output, FENCE, ''];
}

function promptText(messages: readonly ModelMessage[]): string {
  return messages.map((message) => message.content).join('\n');
}

function indexPage(): string {
  return [
    '# Prompt catalog',
    '',
    'Every prompt Conduct sends to a model in a few fixed situations of the example agent',
    '(Voltmart support, `apps/server/agents/electronics-store`), with the response schema each',
    'call asks for. Generated: run `pnpm prompts` after changing any prompt; a test fails while',
    'these files are stale. The answers come from a scripted model that answers from evidence in',
    `the prompt; the clock is fixed at ${CATALOG_NOW.toISOString()} (${CATALOG_TIME_ZONE}).`,
    '',
    ...[...situations, SCENARIO_TASKS_PAGE].map(
      (s) => `- [${s.title}](${s.name}.md): ${s.summary}`,
    ),
    '',
  ].join('\n');
}
