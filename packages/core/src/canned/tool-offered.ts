import type { CannedResponse } from '../domain/canned-response.js';
import type { TurnContext } from '../engine/turn-context.js';
import { contentId } from '../util/content-id.js';
import { nowIso } from '../util/time.js';

const offered = new WeakSet<CannedResponse>();

/**
 * The templates this turn's successful tool results offered (`cannedResponses` of a tool
 * result, `canned_responses` on the wire), as canned responses for this reply only. Their id
 * is derived from the tool and the text, so the same offer has the same id in every turn.
 * Earlier turns' offers are not used: an offer serves the reply it was fetched for.
 */
export function toolOfferedResponses(context: TurnContext): CannedResponse[] {
  const seen = new Set<string>();
  const responses: CannedResponse[] = [];
  for (const outcome of context.toolOutcomes) {
    if (outcome.status !== 'succeeded') continue;
    for (const value of outcome.cannedResponses ?? []) {
      const id = contentId('tool-canned-response', outcome.tool, value);
      if (seen.has(id)) continue;
      seen.add(id);
      const response: CannedResponse = {
        id,
        value,
        fields: [],
        tags: [],
        signals: [],
        metadata: { offeredBy: outcome.tool },
        fieldDependencies: [],
        createdAt: nowIso(),
      };
      offered.add(response);
      responses.push(response);
    }
  }
  return responses;
}

/** True for a response a tool result offered this turn (they are shown to the model first). */
export function isToolOffered(response: CannedResponse): boolean {
  return offered.has(response);
}
