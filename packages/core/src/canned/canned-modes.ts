import type { ComposeInput } from '../engine/composer.js';
import { latestCustomerText } from '../engine/conversation.js';
import { ModelOutputError } from '../errors/errors.js';
import { errorMessage } from '../util/error-message.js';
import { type ExcludedCandidate, isTiedToCurrentStep } from './candidates.js';
import type { CannedComposerPlan, CannedResult } from './canned-composer.js';
import { writeGeneratedFields } from './fields-task.js';
import { generatedFor, missingGenerated } from './generated-fields.js';
import { describePendingAsks, type PendingAsk, pendingAsks } from './pending-asks.js';
import { type PreparedTemplate, renderPrepared } from './render.js';
import { restyleDraft } from './restyle-task.js';
import { selectForDraft, selectStrict } from './select-task.js';
import { shortlist } from './shortlist.js';

type Shortlisted = { kept: PreparedTemplate[]; dropped: ExcludedCandidate[] };

/**
 * `canned_fluid`, and `strict_canned` with `strictSelection: 'draft-first'`: a fluid draft, then
 * `canned-select` picks the template that conveys it. The drafter is shown the templates tied
 * to this point of the conversation (journey state, matched guideline), so that its draft uses
 * their wording where it fits. Fluid sends the template only on a full fit and the draft
 * otherwise; strict sends the template on a full or partial fit and the no-match reply
 * otherwise — never the draft.
 */
export async function composeWithSelection(
  plan: CannedComposerPlan,
  input: ComposeInput,
): Promise<CannedResult> {
  const strict = plan.mode === 'strict_canned';
  const { context } = input;
  const asks = pendingAsks(context, input.guidelines);
  const drafting = { ...input, approvedWording: approvedWording(plan, input) };
  const draft = (await plan.drafter.compose(drafting).done).text.trim();
  if (draft === '') return silent('the draft was empty: nothing to say');
  const list = shortlistFor(plan, input, [draft, ...asks.map((ask) => ask.text)]);
  const ids = list.kept.map((candidate) => candidate.response.id);
  const fallback = (reason: string) =>
    strict
      ? noMatch({ plan, draft, offered: ids, dropped: list.dropped, reason, asks })
      : sendDraft(draft, ids, list, reason);
  if (list.kept.length === 0) return fallback('no approved template can be used this turn');
  let answer: Awaited<ReturnType<typeof selectForDraft>>;
  try {
    answer = await selectForDraft(context, draft, list.kept, plan.options.historyBudgetTokens);
  } catch (error) {
    if (context.signal.aborted || (strict && !ModelOutputError.is(error))) throw error;
    plan.log.error('canned-select', error);
    return fallback(`template selection failed: ${errorMessage(error)}`);
  }
  const template = list.kept[answer.choice - 1];
  if (template === undefined || answer.fit === 'none') {
    return fallback(`no template fits (choice ${answer.choice}, fit ${answer.fit})`);
  }
  if (!strict && answer.fit !== 'full') {
    return fallback(`the best template only fits partially (${template.response.id})`);
  }
  const text = await fill(plan, input, template, answer.fields, draft);
  if (text === undefined) return fallback('generative fields of the chosen template are missing');
  return chosen(template, text, draft, ids, list.dropped, `fit: ${answer.fit}`);
}

/**
 * `strict_canned` in one call (`canned-strict`): the model notes what to say and picks the
 * template from the full context. Anything but a valid choice of a fillable template — free
 * text, an index out of range (recorded as an error), "none" — gives the no-match reply. No
 * draft is written first. What the turn must ask (a clarifying question, a journey step,
 * missing information) also picks which templates are shown, so a template asking it is among
 * them; when none is chosen, the no-match reply says the agent cannot help and the decision
 * record names what went unsaid.
 */
export async function composeStrictInline(
  plan: CannedComposerPlan,
  input: ComposeInput,
): Promise<CannedResult> {
  const { context } = input;
  const asks = pendingAsks(context, input.guidelines);
  const list = shortlistFor(
    plan,
    input,
    asks.map((ask) => ask.text),
  );
  const ids = list.kept.map((candidate) => candidate.response.id);
  const fallback = (draft: string | undefined, reason: string) =>
    noMatch({ plan, draft, offered: ids, dropped: list.dropped, reason, asks });
  if (list.kept.length === 0) {
    return fallback(undefined, 'no approved template can be used this turn');
  }
  let answer: Awaited<ReturnType<typeof selectStrict>>;
  try {
    answer = await selectStrict(
      context,
      input.guidelines,
      list.kept,
      plan.options.strictHistoryBudgetTokens,
    );
  } catch (error) {
    if (context.signal.aborted || !ModelOutputError.is(error)) throw error;
    plan.log.error('canned-strict', error);
    return fallback(
      undefined,
      `the model did not answer with a valid choice: ${errorMessage(error)}`,
    );
  }
  const draft = answer.draft.trim();
  const template = list.kept[answer.choice - 1];
  if (template === undefined || answer.fit === 'none') {
    return fallback(draft, `no template fits (choice ${answer.choice}, fit ${answer.fit})`);
  }
  const text = await fill(plan, input, template, answer.fields, draft);
  if (text === undefined) {
    return fallback(draft, 'generative fields of the chosen template are missing');
  }
  return chosen(template, text, draft, ids, list.dropped, `fit: ${answer.fit}`);
}

/**
 * `composited_canned`: a fluid draft, then `canned-restyle` rewrites it in the approved
 * templates' wording. A failed or empty rewrite sends the draft.
 */
export async function composeCompositedCanned(
  plan: CannedComposerPlan,
  input: ComposeInput,
): Promise<CannedResult> {
  const { context } = input;
  const draft = (await plan.drafter.compose(input).done).text.trim();
  if (draft === '') return silent('the draft was empty: nothing to say');
  const list = shortlistFor(plan, input, [draft]);
  const ids = list.kept.map((candidate) => candidate.response.id);
  if (list.kept.length === 0) {
    return sendDraft(draft, ids, list, 'no approved template can be used this turn');
  }
  try {
    const answer = await restyleDraft(context, draft, list.kept, plan.options.historyBudgetTokens);
    const text = answer.text.trim();
    if (text === '' || text.includes('{{')) {
      return sendDraft(draft, ids, list, 'the rewrite was empty or kept a placeholder');
    }
    const used = [...new Set(answer.used)].flatMap((n) => list.kept[n - 1] ?? []);
    return {
      text,
      extra: {
        draft,
        canned_responses: used.map((t) => [
          t.response.id,
          renderPrepared(t, new Map(), true) ?? '',
        ]),
      },
      offered: ids,
      dropped: list.dropped,
      chosen: used[0]?.response.id ?? null,
      outcome: 'restyled',
      reason: `rewritten using ${used.length} template(s)`,
    };
  } catch (error) {
    if (context.signal.aborted) throw error;
    plan.log.error('canned-restyle', error);
    return sendDraft(draft, ids, list, 'the rewrite failed');
  }
}

/** The templates to show: by relevance to the customer's latest message and `texts`. */
function shortlistFor(
  plan: CannedComposerPlan,
  input: ComposeInput,
  texts: readonly string[],
): Shortlisted {
  const all = [latestCustomerText(input.context.history), ...texts];
  return shortlist(plan.set.candidates, all, plan.options.maxCandidates);
}

/** The candidates tied to this point of the conversation, as the drafter is shown them. */
function approvedWording(plan: CannedComposerPlan, input: ComposeInput): string[] {
  const scope = {
    agent: input.context.agent,
    matchedGuidelineIds: new Set(input.guidelines.map((matched) => matched.guideline.id)),
    activeJourneys: input.context.activeJourneys,
  };
  return plan.set.candidates
    .filter((candidate) => isTiedToCurrentStep(candidate.response, scope))
    .slice(0, plan.options.maxCandidates)
    .flatMap((candidate) => renderPrepared(candidate, new Map(), true) ?? []);
}

/** The chosen template's text with its generative fields; one `canned-fields` call if some are missing. */
async function fill(
  plan: CannedComposerPlan,
  input: ComposeInput,
  template: PreparedTemplate,
  fields: readonly { name: string; value: string }[],
  draft: string,
): Promise<string | undefined> {
  const generated = generatedFor(template, fields);
  if (missingGenerated(template, generated).length > 0) {
    try {
      const more = await writeGeneratedFields(
        input.context,
        template,
        draft,
        plan.options.historyBudgetTokens,
      );
      for (const [path, value] of generatedFor(template, more)) {
        if (!generated.has(path)) generated.set(path, value);
      }
    } catch (error) {
      if (input.context.signal.aborted) throw error;
      plan.log.error('canned-fields', error);
    }
  }
  return renderPrepared(template, generated);
}

function chosen(
  template: PreparedTemplate,
  text: string,
  draft: string,
  offered: string[],
  dropped: ExcludedCandidate[],
  reason: string,
): CannedResult {
  return {
    text,
    extra: { ...(draft === '' ? {} : { draft }), canned_responses: [[template.response.id, text]] },
    offered,
    dropped,
    chosen: template.response.id,
    outcome: 'template',
    reason,
  };
}

function sendDraft(
  draft: string,
  offered: string[],
  list: Shortlisted,
  reason: string,
): CannedResult {
  return {
    text: draft,
    extra: { draft, canned_responses: [] },
    offered,
    dropped: list.dropped,
    chosen: null,
    outcome: 'draft',
    reason,
  };
}

/**
 * Strict mode's no-match reply. When the turn had something to ask or carry out (`asks`), the
 * reply is the one for what cannot be said here, and the reason names what went unsaid.
 */
async function noMatch(options: {
  plan: CannedComposerPlan;
  draft: string | undefined;
  offered: string[];
  dropped: ExcludedCandidate[];
  reason: string;
  asks: readonly PendingAsk[];
}): Promise<CannedResult> {
  const { plan, draft, offered, dropped, asks } = options;
  const reply = await plan.noMatch({ unsaid: asks });
  const reason =
    asks.length === 0
      ? options.reason
      : `${options.reason}; left unsaid: ${describePendingAsks(asks)}`;
  return {
    text: reply.text,
    extra: {
      ...(draft ? { draft } : {}),
      canned_responses: reply.id === null ? [] : [[reply.id, reply.text]],
    },
    offered,
    dropped,
    chosen: reply.id,
    outcome: 'no-match',
    reason,
  };
}

function silent(reason: string): CannedResult {
  return { text: '', extra: {}, offered: [], dropped: [], chosen: null, outcome: 'silent', reason };
}
