import type { Conduct } from '@conduct/core';
import {
  answerPerItem,
  type ScriptedAnswer,
  type ScriptedAnswerFunction,
  type ScriptedModel,
  viewPrompt,
  whenPrompt,
} from '@conduct/core/testing';
import { VOLTMART_AGENT_ID } from '../../agents/electronics-store/index.js';

/** One customer message and what the scripted model answers during its turn. */
export interface CatalogTurn {
  message: string;
  /** Answers by task for this turn (added to the situation's defaults). */
  answers?: Readonly<Record<string, ScriptedAnswer>>;
  /** Answers consumed one per call, by task. */
  queued?: Readonly<Record<string, readonly ScriptedAnswer[]>>;
}

/** A fixed example situation whose prompts the catalog shows. */
export interface CatalogSituation {
  /** File name (without `.md`) under `docs/prompts/`. */
  name: string;
  title: string;
  /** What the situation exercises, one or two sentences. */
  summary: string;
  /** The session's customer (a sample account of the example agent). */
  customer: { id: string; name: string };
  /** Changes the example agent before the conversation (e.g. strict canned mode). */
  prepare?: (conduct: Conduct) => Promise<void>;
  turns: readonly CatalogTurn[];
}

/**
 * Items apply when their text contains `item` and the conversation shows `evidence`: the
 * answers follow what the prompt shows, as a careful model's would.
 */
export function itemsWhere(
  rules: readonly { item: string; evidence: string | RegExp }[],
): ScriptedAnswer {
  return answerPerItem({
    applies: (candidate, prompt) =>
      rules.some((rule) => candidate.text.includes(rule.item) && prompt.shows(rule.evidence))
        ? 'the conversation says so'
        : false,
  });
}

/**
 * Whether the prompt shows a tool result's `expected_delivery` date before the day its
 * `<current-time>` gives: "late" is judged from both, never from the customer's impression.
 */
function isPastDue(prompt: string): boolean {
  const expected = /"expected_delivery":"(\d{4}-\d{2}-\d{2})"/.exec(prompt)?.[1];
  const today = /Now: \w+ (\d{1,2} \w+ \d{4})/.exec(prompt)?.[1];
  if (expected === undefined || today === undefined) return false;
  return Date.parse(`${expected}T00:00:00Z`) < Date.parse(`${today} 00:00:00Z`);
}

/** A `journey-step` answer taking the move whose text contains `phrase`, else staying. */
export function moveTo(phrase: string): ScriptedAnswer {
  return answerPerItem({
    section: 'moves',
    applies: (move) => move.text.includes(phrase),
    shape: (verdicts) => ({
      why: 'scripted',
      back: null,
      next: String(verdicts.find((verdict) => verdict.applies)?.n ?? 'stay'),
    }),
  });
}

/** The number of the `[n] …` template line containing `text`, or 0. */
function templateNumber(prompt: string, text: string): number {
  const line = prompt.split('\n').find((l) => /^\[\d+\] /.test(l) && l.includes(text));
  return line === undefined ? 0 : Number(line.slice(1, line.indexOf(']')));
}

/** A `compose` answer: the first text under `<approved-wording>` when the prompt shows one, else `otherwise`. */
export function useApprovedWording(otherwise: string): ScriptedAnswerFunction {
  return (request) => {
    const lines = viewPrompt(request).section('approved-wording')?.split('\n') ?? [];
    return lines.find((line) => line.startsWith('- '))?.slice(2) ?? otherwise;
  };
}

/** A `canned-select` answer: a full fit for the template the draft states word for word, else none. */
const selectStatedTemplate: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const choice = templateNumber(prompt.text, prompt.section('draft') ?? '(no draft)');
  return { choice, fit: choice > 0 ? 'full' : 'none', fields: [] };
};

/**
 * A `canned-strict` answer: the template containing `asks` when `<journey-steps>` shows `step`
 * and the prompt lists such a template, else none.
 */
export function askStepWithTemplate(step: string, asks: string): ScriptedAnswerFunction {
  return (request) => {
    const prompt = viewPrompt(request);
    const choice = prompt.shows(step, 'journey-steps') ? templateNumber(prompt.text, asks) : 0;
    return choice > 0
      ? { draft: `${step}.`, choice, fit: 'full', fields: [] }
      : {
          draft: 'No approved template says what the step asks.',
          choice: 0,
          fit: 'none',
          fields: [],
        };
  };
}

/**
 * A `tool-call` answer for `start_return`: the call Aiko asks about, marked confirmed only when
 * her latest message says yes to an agent line that stated every value (and the prompt asks
 * for that).
 */
const startReturnOnConfirmation: ScriptedAnswer = (request) => {
  const prompt = viewPrompt(request);
  if (!prompt.shows('Name: start_return', 'tool')) return { reason: 'not this tool', calls: [] };
  const lines = prompt.section('conversation')?.split('\n') ?? [];
  const proposal = lines.findLast((line) => line.startsWith('Agent:')) ?? '';
  const confirmed =
    prompt.shows('stated this action with these argument values', 'consequential') &&
    lines.at(-1)?.includes('Yes, please start the return') === true &&
    ['VM-10425', 'Lumen 55', 'changed your mind'].every((value) => proposal.includes(value));
  return {
    reason: confirmed ? 'the customer confirmed this return' : 'return wanted, not confirmed yet',
    calls: [
      {
        arguments: { order_id: 'VM-10425', product: 'Lumen 55', reason: 'changed_mind' },
        confirmed,
      },
    ],
  };
};

/** Answers of the tasks every situation uses; turns add or replace some. */
export function defaultAnswers(model: ScriptedModel): void {
  const none = itemsWhere([]);
  for (const task of [
    'actionable',
    'observation',
    'low-criticality',
    'reapply',
    'reapply-customer-dependent',
    'disambiguation',
    'response-analysis',
    'classify-guideline',
  ]) {
    model.on(task, none);
  }
  model
    .on('preamble', 'Let me check that for you.')
    .on('compose', 'Thanks for your message! Here is what I found.')
    .on('canned-select', selectStatedTemplate)
    .on('journey-step', moveTo('(no such move)'));
}

/** The example situations, in catalog order. */
export const situations: readonly CatalogSituation[] = [
  {
    name: 'first-turn',
    title: 'First turn: a question, no tools',
    summary:
      'Dana opens the conversation with a question about Voltmart Plus; nothing needs a tool. Shows the matching batches, the preamble and the composer on a first turn.',
    customer: { id: 'cus-dana-whitfield', name: 'Dana Whitfield' },
    turns: [
      {
        message: 'Hi! What does Voltmart Plus give me when I return something?',
        answers: {
          actionable: itemsWhere([{ item: 'Voltmart Plus', evidence: 'Voltmart Plus' }]),
          // The preamble already greeted: the reply continues from it.
          compose:
            'As a Voltmart Plus member you get a free home pickup for returns within the 30-day window.',
        },
      },
    ],
  },
  {
    name: 'tool-round',
    title: 'Tool round: order lookup, then re-check',
    summary:
      'Priya asks where her order is. The order-status guideline matches, the tool-call task fills in the order number, `order_status` runs, and the guidelines are checked again with its result before composing.',
    customer: { id: 'cus-priya-nair', name: 'Priya Nair' },
    turns: [
      {
        message: 'Where is my order VM-10423? It should have arrived by now.',
        answers: {
          actionable: answerPerItem({
            applies: (item, prompt) =>
              (item.text.includes('where their order is') && prompt.shows('Where is my order')) ||
              (item.text.includes('past its expected delivery date') && isPastDue(prompt.text)),
          }),
          'tool-call': whenPrompt({
            shows: 'VM-10423',
            in: 'conversation',
            answer: {
              reason: 'the customer asks where order VM-10423 is',
              calls: [{ arguments: { order_id: 'VM-10423' } }],
            },
            otherwise: { reason: 'no order number given', calls: [] },
          }),
          compose:
            'Sorry for the delay! Your order VM-10423 is on its way with UPS (tracking number 1Z999AA10123456784). A parcel more than 5 business days late is refunded or resent at no cost.',
        },
      },
    ],
  },
  {
    name: 'journey-fork',
    title: 'Journey fork: a warranty claim',
    summary:
      'Dana reports broken headphones (the warranty-claim journey starts and asks for the serial number), then gives it: the lookup tool state runs, the fork branches on its result, and the `covered` state answers with its approved template.',
    customer: { id: 'cus-dana-whitfield', name: 'Dana Whitfield' },
    turns: [
      {
        message: 'My QuietPro 2 headphones stopped working, can you repair them?',
        answers: {
          observation: itemsWhere([{ item: 'stopped working', evidence: 'stopped working' }]),
          compose: 'Sorry to hear that! What is the serial number of the headphones?',
        },
      },
      {
        message: 'It is QP2-7731-0042.',
        queued: { 'journey-step': [moveTo('gave a serial number'), moveTo('is in warranty')] },
        answers: {
          compose: useApprovedWording('Thanks! Let me check that serial number.'),
          'tool-call': whenPrompt({
            shows: 'QP2-7731-0042',
            in: 'conversation',
            answer: {
              reason: 'the claim flow is at its lookup and the serial is known',
              calls: [{ arguments: { serial_number: 'QP2-7731-0042', product: null } }],
            },
            otherwise: { reason: 'no serial number yet', calls: [] },
          }),
        },
      },
    ],
  },
  {
    name: 'consequential-tool',
    title: 'Consequential tool: a return waits for confirmation',
    summary:
      'Aiko asks whether she can return her TV. `start_return` changes something for the customer, so the tool-call task holds the call back until she confirms: the composer asks her to, stating every value in words (the reason included), and her "yes" runs it on the next turn.',
    customer: { id: 'cus-aiko-tanaka', name: 'Aiko Tanaka' },
    turns: [
      {
        message: "Can I return the Lumen 55 TV from order VM-10425? I don't like the picture.",
        answers: {
          actionable: itemsWhere([
            { item: 'wants to return a product or asks for a refund', evidence: 'return' },
          ]),
          'tool-call': startReturnOnConfirmation,
          compose: whenPrompt({
            shows: /start_return has not run.*returns it\): changed mind/,
            in: 'missing-information',
            answer:
              'Yes: within 30 days of delivery you get a full refund to your original payment method. Shall I start the return of the Lumen 55" 4K TV from order VM-10425, as you changed your mind?',
            otherwise: 'Let me look into that return for you.',
          }),
        },
      },
      {
        message: 'Yes, please start the return.',
        answers: {
          actionable: itemsWhere([
            { item: 'wants to return a product or asks for a refund', evidence: 'return' },
          ]),
          'tool-call': startReturnOnConfirmation,
          compose: whenPrompt({
            shows: '"started":true',
            answer: 'Done: your return is open and a prepaid label is on its way to your inbox.',
            otherwise: 'Let me look into that return for you.',
          }),
        },
      },
    ],
  },
  {
    name: 'strict-canned',
    title: 'Strict canned mode',
    summary:
      'The same agent in `strict_canned` mode: every reply is an approved template, chosen by the strict selection task. The warranty-claim journey starts, and its first step is asked in the approved wording for it.',
    customer: { id: 'cus-dana-whitfield', name: 'Dana Whitfield' },
    prepare: async (conduct) => {
      await conduct.store.agents.update(VOLTMART_AGENT_ID, { compositionMode: 'strict_canned' });
    },
    turns: [
      {
        message: 'My QuietPro 2 headphones stopped working, can you repair them?',
        answers: {
          observation: itemsWhere([{ item: 'stopped working', evidence: 'stopped working' }]),
          'canned-strict': askStepWithTemplate(
            'Ask for the serial number',
            'send me the serial number',
          ),
        },
      },
    ],
  },
];
