import { agentTag } from '../domain/built-in-tags.js';
import type { CannedResponse } from '../domain/canned-response.js';
import type { TurnContext } from '../engine/turn-context.js';
import { type CannedScope, collectCandidates } from './candidates.js';
import {
  DEFAULT_CANNOT_HELP_REPLY,
  DEFAULT_NO_MATCH_REPLY,
  type NoMatchSituation,
  type ResolvedCannedOptions,
} from './canned-options.js';
import type { FieldSources } from './field-sources.js';
import { renderPrepared } from './render.js';

/** The reply strict mode sends when no template fits: a canned response's id, or configured text. */
export interface NoMatchReply {
  id: string | null;
  text: string;
}

/**
 * Strict mode's no-match reply: the agent's own no-match canned response (tag `__no_match__`;
 * one tagged `agent:<id>` before a global one; generative fields are not allowed, since nothing
 * else is written for it), else the `noMatchReply` option, else the default text — the
 * "cannot help" one when the situation has something pending that went unsaid.
 */
export async function resolveNoMatch(
  responses: readonly CannedResponse[],
  scope: CannedScope,
  sources: FieldSources,
  options: ResolvedCannedOptions,
  context: TurnContext,
  situation: NoMatchSituation = { unsaid: [] },
): Promise<NoMatchReply> {
  const own = agentTag(scope.agent.id);
  const { candidates } = collectCandidates(responses, scope, sources, 'no-match');
  const ranked = [...candidates].sort(
    (a, b) => Number(b.response.tags.includes(own)) - Number(a.response.tags.includes(own)),
  );
  for (const candidate of ranked) {
    const text = renderPrepared(candidate, new Map());
    if (text !== undefined) return { id: candidate.response.id, text };
  }
  const configured =
    typeof options.noMatchReply === 'function'
      ? await options.noMatchReply(context, situation)
      : options.noMatchReply;
  const text = configured?.trim();
  if (text) return { id: null, text };
  const fallback = situation.unsaid.length > 0 ? DEFAULT_CANNOT_HELP_REPLY : DEFAULT_NO_MATCH_REPLY;
  return { id: null, text: fallback };
}
