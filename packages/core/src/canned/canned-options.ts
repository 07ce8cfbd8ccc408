import type { TurnContext } from '../engine/turn-context.js';
import type { PendingAsk } from './pending-asks.js';

/** Strict mode's reply when no approved template fits and nothing else is configured. */
export const DEFAULT_NO_MATCH_REPLY =
  "Sorry, I'm not sure I understood. Could you say that another way?";

/**
 * Strict mode's reply, when nothing else is configured, if the turn had something to ask or
 * carry out (a clarifying question, a journey step, missing information) that no approved
 * template says: the customer was understood, so asking them to rephrase would be wrong.
 */
export const DEFAULT_CANNOT_HELP_REPLY = "Sorry, I can't help with that here.";

/** Why strict mode sends its no-match reply, for a `noMatchReply` function. */
export interface NoMatchSituation {
  /**
   * What the reply had to ask or carry out that no approved template says; empty when nothing
   * specific was pending (then no template conveys what the model would say).
   */
  unsaid: readonly PendingAsk[];
}

/** Options of canned-response composition (engine option `canned`). */
export interface CannedOptions {
  /**
   * What strict mode sends when no template fits. An agent's own no-match canned response
   * (tagged `__no_match__` and `agent:<id>`) wins over this; then this; then
   * {@link DEFAULT_CANNOT_HELP_REPLY} when something pending went unsaid, else
   * {@link DEFAULT_NO_MATCH_REPLY}. A function may pick per agent, language or situation.
   */
  noMatchReply?:
    | string
    | ((context: TurnContext, situation: NoMatchSituation) => string | Promise<string>);
  /** Most templates shown to a selection prompt (the most relevant are kept). Default 25. */
  maxCandidates?: number;
  /**
   * How strict mode decides, when templates are available:
   * - `inline` (default): one `canned-strict` call writes a short note of what to say and picks
   *   the template — no extra sequential model call compared with fluid mode;
   * - `draft-first`: a full fluid draft (`compose`), then `canned-select` — one more
   *   sequential call, the same path as `canned_fluid`.
   */
  strictSelection?: 'inline' | 'draft-first';
  /** Token budget of the conversation shown to selection, restyle and field prompts. Default 1500. */
  historyBudgetTokens?: number;
  /** Token budget of the conversation in the one-call strict prompt. Default 6000. */
  strictHistoryBudgetTokens?: number;
}

/** {@link CannedOptions} with every default applied. */
export type ResolvedCannedOptions = Required<Omit<CannedOptions, 'noMatchReply'>> &
  Pick<CannedOptions, 'noMatchReply'>;

/** Applies the defaults of {@link CannedOptions}. */
export function resolveCannedOptions(options: CannedOptions = {}): ResolvedCannedOptions {
  return {
    noMatchReply: options.noMatchReply,
    maxCandidates: options.maxCandidates ?? 25,
    strictSelection: options.strictSelection ?? 'inline',
    historyBudgetTokens: options.historyBudgetTokens ?? 1_500,
    strictHistoryBudgetTokens: options.strictHistoryBudgetTokens ?? 6_000,
  };
}
