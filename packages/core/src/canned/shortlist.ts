import type { ExcludedCandidate } from './candidates.js';
import { isAssociated } from './candidates.js';
import type { PreparedTemplate } from './render.js';
import { isToolOffered } from './tool-offered.js';

/**
 * Keeps at most `max` candidates so selection prompts stay small: responses offered by this
 * turn's tool results or tied to a matched guideline or an active journey first, then by how many words their text and signals share
 * with `texts` (the latest customer message, the draft). Order is otherwise kept.
 */
export function shortlist(
  candidates: readonly PreparedTemplate[],
  texts: readonly string[],
  max: number,
): { kept: PreparedTemplate[]; dropped: ExcludedCandidate[] } {
  if (candidates.length <= max) return { kept: [...candidates], dropped: [] };
  const words = new Set(texts.flatMap(wordsOf));
  const scored = candidates.map((candidate, index) => {
    const own = new Set([candidate.response.value, ...candidate.response.signals].flatMap(wordsOf));
    const shared = [...own].filter((word) => words.has(word)).length;
    const { response } = candidate;
    const first = isToolOffered(response) || isAssociated(response);
    return { candidate, index, score: (first ? 1e6 : 0) + shared };
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return {
    kept: scored.slice(0, max).map((entry) => entry.candidate),
    dropped: scored.slice(max).map((entry) => ({
      id: entry.candidate.response.id,
      reason: `not among the ${max} most relevant candidates`,
    })),
  };
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
}
