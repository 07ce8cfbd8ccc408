import type { CompositionMode } from '../domain/common.js';
import type { MessageEventData } from '../domain/event-data.js';
import type { CompositionRecord } from '../domain/turn-record.js';
import type { ComposedReply, ComposeInput, Composer } from '../engine/composer.js';
import type { CandidateSet } from './candidates.js';
import {
  composeCompositedCanned,
  composeStrictInline,
  composeWithSelection,
} from './canned-modes.js';
import type { NoMatchSituation, ResolvedCannedOptions } from './canned-options.js';
import type { NoMatchReply } from './no-match.js';

/** A canned composition mode (every mode but `fluid`). */
export type CannedMode = Exclude<CompositionMode, 'fluid'>;

/** Where a canned composer reports what it decided (the turn's decision record). */
export interface CompositionLog {
  /** The final decision; called once per composed reply. */
  decision(record: CompositionRecord): void;
  /** A step failed and the composer fell back (the reason is in the decision too). */
  error(stage: string, error: unknown): void;
}

/** Everything a canned composer needs, worked out before composing starts. */
export interface CannedComposerPlan {
  mode: CannedMode;
  /** The mode's origin, copied into the decision record. */
  modeSource: CompositionRecord['modeSource'];
  modeReason: string;
  /** Usable templates and those excluded this turn. */
  set: CandidateSet;
  /** Writes drafts: the fluid composer. */
  drafter: Composer;
  options: ResolvedCannedOptions;
  /** Strict mode's fallback, computed only when needed, for the situation it is sent in. */
  noMatch: (situation: NoMatchSituation) => Promise<NoMatchReply>;
  log: CompositionLog;
}

/** What one mode produced: the message and its wire extras, plus the decision details. */
export interface CannedResult {
  text: string;
  extra: Partial<MessageEventData>;
  offered: string[];
  /** Candidates dropped by the shortlist, added to the excluded list. */
  dropped: CandidateSet['excluded'];
  chosen: string | null;
  outcome: CompositionRecord['outcome'];
  reason: string;
}

/**
 * A composer for the canned modes. It only knows its text once complete, so it sends the reply
 * whole (`sendsWhole`): the draft is never streamed to the customer. Message events carry the
 * `draft` and the chosen template as `canned_responses: [[id, text]]`.
 */
export function createCannedComposer(plan: CannedComposerPlan): Composer {
  return {
    sendsWhole: true,
    compose(input: ComposeInput): ComposedReply {
      const done = run(plan, input);
      // Iterating `deltas` already surfaces a failure; this keeps an unawaited `done` quiet.
      done.catch(() => {});
      return {
        deltas: (async function* () {
          const { text } = await done;
          if (text !== '') yield text;
        })(),
        done,
      };
    },
  };
}

async function run(
  plan: CannedComposerPlan,
  input: ComposeInput,
): Promise<{ text: string; extra: Partial<MessageEventData> }> {
  const result =
    plan.mode === 'composited_canned'
      ? await composeCompositedCanned(plan, input)
      : plan.mode === 'strict_canned' && plan.options.strictSelection === 'inline'
        ? await composeStrictInline(plan, input)
        : await composeWithSelection(plan, input);
  plan.log.decision({
    mode: plan.mode,
    modeSource: plan.modeSource,
    modeReason: plan.modeReason,
    candidates: result.offered,
    excluded: [...plan.set.excluded, ...result.dropped],
    chosen: result.chosen,
    outcome: result.outcome,
    reason: result.reason,
  });
  return { text: result.text, extra: result.extra };
}
