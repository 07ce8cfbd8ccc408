/**
 * Built-in tags: tag ids that name another entity instead of a stored tag. `agent:<id>` scopes
 * an entity to one agent, `guideline:<id>` ties a canned response to a guideline,
 * `journey:<id>` and `journey_node:<journeyId>:<stateId>` scope an entity to a journey or one
 * of its states. They are built and read here only, so the wire spelling lives in one place
 * (docs/compatibility.md#tags).
 */

const AGENT_PREFIX = 'agent:';
const GUIDELINE_PREFIX = 'guideline:';
const JOURNEY_PREFIX = 'journey:';
const JOURNEY_NODE_PREFIX = 'journey_node:';

/** Tag carried by preamble messages and preamble canned responses ("Let me check that…"). */
export const PREAMBLE_TAG = '__preamble__';

/**
 * Tag of the canned response an agent sends in strict mode when no template fits (scope it to
 * the agent with its `agent:<id>` tag). Like the preamble tag, it takes the response out of the
 * reply candidates.
 */
export const NO_MATCH_TAG = '__no_match__';

/** A built-in tag, read: which entity it names. Ids are what follows the prefix, as given. */
export type BuiltInTag =
  /** `agent:<agentId>`: scopes an entity to one agent. */
  | { kind: 'agent'; agentId: string }
  /** `guideline:<guidelineId>`: a canned response is a candidate while the guideline matches. */
  | { kind: 'guideline'; guidelineId: string }
  /** `journey:<journeyId>`: in scope while the journey is active. */
  | { kind: 'journey'; journeyId: string }
  /** `journey_node:<journeyId>:<stateId>`: in scope while that journey is at that state. */
  | { kind: 'journey-state'; journeyId: string; stateId: string }
  /**
   * Any other `journey_node:<node>`: Parlant's bare node id. A canned response tagged so is a
   * candidate while any active journey is at a state with that id; it scopes nothing else.
   */
  | { kind: 'journey-node'; node: string };

/** The tag that scopes an entity to one agent: `agent:<agentId>`. */
export function agentTag(agentId: string): string {
  return `${AGENT_PREFIX}${agentId}`;
}

/** The tag that ties a canned response to a guideline: `guideline:<guidelineId>`. */
export function guidelineTag(guidelineId: string): string {
  return `${GUIDELINE_PREFIX}${guidelineId}`;
}

/** The tag that scopes an entity (a guideline, a canned response) to a journey: `journey:<id>`. */
export function journeyTag(journeyId: string): string {
  return `${JOURNEY_PREFIX}${journeyId}`;
}

/**
 * The tag that scopes an entity to one state of one journey:
 * `journey_node:<journeyId>:<stateId>`. State ids are unique only within their journey, so the
 * journey id is part of the tag; state ids cannot contain `:`, which keeps it unambiguous.
 */
export function journeyStateTag(journeyId: string, stateId: string): string {
  return journeyNodeTag(journeyStateRef(journeyId, stateId));
}

/**
 * `journey_node:<node>` for a state as a person wrote it: a `<journeyId>:<stateId>` reference
 * (see {@link journeyStateTag}) or a bare state id, which matches that state in any journey.
 */
export function journeyNodeTag(node: string): string {
  return `${JOURNEY_NODE_PREFIX}${node}`;
}

/**
 * The wire id of one journey's state, `<journeyId>:<stateId>` (in `ready`'s
 * `matched_journey_states`, decision records and `journey_node:` tags): state ids are unique
 * only within their journey.
 */
export function journeyStateRef(journeyId: string, stateId: string): string {
  return `${journeyId}:${stateId}`;
}

/**
 * The journey and state of a `<journeyId>:<stateId>` ref. State ids never contain `:` but
 * journey ids may, so it splits at the last one: `a:b:x` is journey `a:b` at `x`.
 */
export function parseJourneyStateRef(
  ref: string,
): { journeyId: string; stateId: string } | undefined {
  const split = ref.lastIndexOf(':');
  if (split <= 0 || split === ref.length - 1) return undefined;
  return { journeyId: ref.slice(0, split), stateId: ref.slice(split + 1) };
}

/**
 * What a built-in tag names, or `undefined` for any other tag (a stored tag, or the preamble
 * and no-match markers). The id is taken as it follows the prefix, even when empty.
 *
 * @example
 * ```ts
 * parseTag('journey_node:returns:ask-order');
 * // { kind: 'journey-state', journeyId: 'returns', stateId: 'ask-order' }
 * parseTag('vip'); // undefined
 * ```
 */
export function parseTag(tag: string): BuiltInTag | undefined {
  if (tag.startsWith(AGENT_PREFIX)) {
    return { kind: 'agent', agentId: tag.slice(AGENT_PREFIX.length) };
  }
  if (tag.startsWith(GUIDELINE_PREFIX)) {
    return { kind: 'guideline', guidelineId: tag.slice(GUIDELINE_PREFIX.length) };
  }
  if (tag.startsWith(JOURNEY_PREFIX)) {
    return { kind: 'journey', journeyId: tag.slice(JOURNEY_PREFIX.length) };
  }
  if (tag.startsWith(JOURNEY_NODE_PREFIX)) {
    const node = tag.slice(JOURNEY_NODE_PREFIX.length);
    const state = parseJourneyStateRef(node);
    return state === undefined
      ? { kind: 'journey-node', node }
      : { kind: 'journey-state', ...state };
  }
  return undefined;
}

/** The journeys `journey:<id>` tags among `tags` name. */
export function scopedJourneyIds(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const parsed = parseTag(tag);
    return parsed?.kind === 'journey' ? [parsed.journeyId] : [];
  });
}

/** The journey states `journey_node:<journeyId>:<stateId>` tags among `tags` name. */
export function journeyStateScopes(
  tags: readonly string[],
): { journeyId: string; stateId: string }[] {
  return tags.flatMap((tag) => {
    const parsed = parseTag(tag);
    return parsed?.kind === 'journey-state'
      ? [{ journeyId: parsed.journeyId, stateId: parsed.stateId }]
      : [];
  });
}

/** True for the tags that scope an entity to a journey or a journey state (any form). */
export function isJourneyScopeTag(tag: string): boolean {
  const kind = parseTag(tag)?.kind;
  return kind === 'journey' || kind === 'journey-state' || kind === 'journey-node';
}
