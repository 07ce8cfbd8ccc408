import type { ModelMessage } from '../model/language-model.js';
import type { ScriptedAnswer, ScriptedAnswerFunction, ScriptedRequest } from './model-script.js';

/**
 * What a prompt must show: a substring (case-sensitive), a pattern, or a test of the text.
 * Tests see the text of the whole prompt, or of one `<section>` when one is named.
 */
export type Evidence = string | RegExp | ((text: string) => boolean);

/** A prompt as evidence-based answers read it. */
export interface PromptView {
  /** The task being asked (`actionable`, `journey-step`, `compose`, …). */
  task: string;
  /** Every message's content, in order, separated by blank lines. */
  text: string;
  /**
   * The content of the `<name>…</name>` section (trimmed), or `undefined` when the prompt has
   * none; with several (e.g. static examples and dynamic items), the last one.
   */
  section(name: string): string | undefined;
  /** Whether the prompt (or its `section`) shows `evidence`. */
  shows(evidence: Evidence, section?: string): boolean;
}

/** Reads a scripted call's messages as a {@link PromptView}. */
export function viewPrompt(request: Pick<ScriptedRequest, 'task' | 'messages'>): PromptView {
  const text = promptText(request.messages);
  const view: PromptView = {
    task: request.task,
    text,
    section: (name) => sectionOf(text, name),
    shows: (evidence, section) => {
      const scope = section === undefined ? text : sectionOf(text, section);
      return scope !== undefined && matchesEvidence(scope, evidence);
    },
  };
  return view;
}

/** Every message's content, in order, separated by blank lines. */
export function promptText(messages: readonly ModelMessage[]): string {
  return messages.map((message) => message.content).join('\n\n');
}

/** Whether `text` shows `evidence`. */
export function matchesEvidence(text: string, evidence: Evidence): boolean {
  if (typeof evidence === 'string') return text.includes(evidence);
  if (evidence instanceof RegExp) {
    // A global or sticky pattern keeps state between tests; a fresh copy never does.
    return new RegExp(evidence.source, evidence.flags.replace(/[gy]/g, '')).test(text);
  }
  return evidence(text);
}

/** What {@link whenPrompt} answers with. */
export interface WhenPromptOptions {
  /** What the prompt must show for `answer` to be the answer. */
  shows: Evidence;
  /** Look only inside this `<section>` (e.g. `conversation`, `tool-results`). Default: all. */
  in?: string;
  /** The answer when the evidence is there. */
  answer: ScriptedAnswer;
  /** The answer when it is not. */
  otherwise: ScriptedAnswer;
}

/**
 * An answer that depends on what the prompt shows: `answer` when the prompt (or its `in`
 * section) shows the evidence, else `otherwise` — so a test fails when a task is not given
 * what it needs to answer, as a real model would.
 *
 * ```ts
 * model.on('tool-call', whenPrompt({
 *   shows: 'order 1042', in: 'conversation',
 *   answer: { call: true, arguments: { orderId: '1042' } },
 *   otherwise: { call: false },
 * }));
 * ```
 */
export function whenPrompt(options: WhenPromptOptions): ScriptedAnswerFunction {
  return (request) =>
    viewPrompt(request).shows(options.shows, options.in) ? options.answer : options.otherwise;
}

/** One numbered item of a batched prompt (`3. When …`). */
export interface PromptItem {
  /** The item's number as the prompt shows it (from 1). */
  n: number;
  /** The item's text after its number. */
  text: string;
}

/** One item with the verdict the script gave it. */
export interface ItemVerdict extends PromptItem {
  applies: boolean;
  /** Why, as the answer states it. */
  why: string;
}

/** What {@link answerPerItem} answers with. */
export interface PerItemOptions {
  /**
   * Whether an item applies, judged from evidence in the prompt. Return a string to say it
   * applies for that reason; `true` gives the reason `evidence in the prompt`.
   */
  applies: (item: PromptItem, prompt: PromptView) => boolean | string;
  /** The section listing the numbered items. Default `items`. */
  section?: string;
  /**
   * Writes the verdicts in the task's answer shape. Default: the first of
   * `{ items: [{ n, reason, applies }] }`, `{ checks: [{ n, why, applies }] }`,
   * `{ checks: [{ n, why, applied }] }` (response analysis), `{ applies: [{ n, why }] }` (applying items only) and
   * `{ applies: [n] }` that the call's schema accepts.
   */
  shape?: (verdicts: readonly ItemVerdict[]) => ScriptedAnswer;
}

/**
 * An answer to a batched task (actionable, observation, response analysis, …) that judges
 * every numbered item of the prompt's `items` section on its own, from evidence in the
 * prompt.
 *
 * ```ts
 * model.on('actionable', answerPerItem({
 *   applies: (item, prompt) =>
 *     item.text.includes('more than 30 days ago') && prompt.shows('Now: Monday 7 December 2026'),
 * }));
 * ```
 */
export function answerPerItem(options: PerItemOptions): ScriptedAnswerFunction {
  return (request) => {
    const prompt = viewPrompt(request);
    const verdicts = promptItems(prompt.section(options.section ?? 'items') ?? '').map(
      (item): ItemVerdict => {
        const verdict = options.applies(item, prompt);
        const why = typeof verdict === 'string' ? verdict : 'evidence in the prompt';
        return {
          ...item,
          applies: verdict !== false,
          why: verdict === false ? 'no evidence' : why,
        };
      },
    );
    return (options.shape ?? defaultShape(request))(verdicts);
  };
}

/** The numbered items (`1. …`) of a section's text; lines that follow an item continue it. */
export function promptItems(text: string): PromptItem[] {
  const items: PromptItem[] = [];
  for (const line of text.split('\n')) {
    const numbered = /^(\d+)\.\s+(.*)$/.exec(line);
    const last = items.at(-1);
    if (numbered !== null) items.push({ n: Number(numbered[1]), text: numbered[2] ?? '' });
    else if (last !== undefined) last.text += `\n${line}`;
  }
  return items;
}

function defaultShape(request: ScriptedRequest): (verdicts: readonly ItemVerdict[]) => object {
  const schema = 'schema' in request.request ? request.request.schema : undefined;
  const shapes = [
    (verdicts: readonly ItemVerdict[]) => ({
      items: verdicts.map(({ n, why, applies }) => ({ n, reason: why, applies })),
    }),
    (verdicts: readonly ItemVerdict[]) => ({
      checks: verdicts.map(({ n, why, applies }) => ({ n, why, applies })),
    }),
    // Response analysis: was each guideline's action applied by the reply?
    (verdicts: readonly ItemVerdict[]) => ({
      checks: verdicts.map(({ n, why, applies }) => ({ n, why, applied: applies })),
    }),
    (verdicts: readonly ItemVerdict[]) => ({
      applies: verdicts.filter((v) => v.applies).map(({ n, why }) => ({ n, why })),
    }),
    (verdicts: readonly ItemVerdict[]) => ({
      applies: verdicts.filter((v) => v.applies).map(({ n }) => n),
    }),
  ];
  return (verdicts) => {
    const fitting = shapes.find(
      (shape) => schema === undefined || schema.safeParse(shape(verdicts)).success,
    );
    return (fitting ?? shapes[0] ?? (() => ({})))(verdicts);
  };
}

function sectionOf(text: string, name: string): string | undefined {
  const open = `<${name}>`;
  const start = text.lastIndexOf(open);
  if (start === -1) return undefined;
  const end = text.indexOf(`</${name}>`, start + open.length);
  return text.slice(start + open.length, end === -1 ? undefined : end).trim();
}
