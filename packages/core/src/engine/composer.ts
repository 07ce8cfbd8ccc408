import type { MessageEventData } from '../domain/event-data.js';
import type { Guideline } from '../domain/guideline.js';
import type { TextFinishReason } from '../model/language-model.js';
import type { TurnContext } from './turn-context.js';

/** A guideline the reply should follow, with why it was matched. */
export interface MatchedGuideline {
  guideline: Guideline;
  rationale: string | undefined;
  /** The customer's intent is unclear: ask this before acting (from disambiguation). */
  clarifyingQuestion?: string;
}

/** What a composer gets to write the reply. */
export interface ComposeInput {
  context: TurnContext;
  /** Matched guidelines, most important first. */
  guidelines: MatchedGuideline[];
  /**
   * Approved templates for this point of the conversation (filled in, generative parts still
   * `{{generative.<name>}}`): a canned mode's draft should use their wording where it fits, so
   * that the template can then be chosen. Set by the canned composers for their drafter.
   */
  approvedWording?: readonly string[];
}

/** A reply being written. */
export interface ComposedReply {
  /** Text deltas in order (a canned composer may yield the whole text at once). */
  deltas: AsyncIterable<string>;
  /**
   * Settles after `deltas` ends: the full text plus extra message fields (draft, canned ids),
   * and why the model ended the text when it was cut off (`max-tokens`, `content-filter`).
   */
  done: Promise<{
    text: string;
    extra?: Partial<MessageEventData>;
    finishReason?: TextFinishReason;
  }>;
}

/**
 * Writes the reply. The fluid composer ships with core; canned-response composers implement
 * the same interface.
 */
export interface Composer {
  /**
   * True when the composer only knows its text once complete (the canned modes): the reply is
   * then sent as one message event even in `stream` output mode — a draft is never streamed to
   * the customer — and `processing {stage: "Articulating"}` precedes `typing`.
   */
  readonly sendsWhole?: boolean;
  compose(input: ComposeInput): ComposedReply;
}
