import {
  agentTag,
  guidelineTag,
  journeyNodeTag,
  journeyTag,
  NO_MATCH_TAG,
  PREAMBLE_TAG,
} from '../domain/built-in-tags.js';
import type {
  CannedResponse,
  CannedResponseField,
  CannedResponseInput,
} from '../domain/canned-response.js';
import { contentId } from '../util/content-id.js';
import { type DefinitionContext, define } from './definition-context.js';
import type { DefinedIdentity } from './sync-recorder.js';

/** A canned response as written in code, scoped to one agent. */
export interface CannedResponseDefinition {
  /**
   * Stable id; by default derived from the agent and the value, so editing the wording
   * defines a new response — give an `id` to keep one identity across wording edits.
   */
  id?: string;
  /** The approved wording, with `{{field}}` placeholders (see docs/canned-responses.md). */
  value: string;
  /** Descriptions (and examples) of the template's fields; optional. */
  fields?: CannedResponseField[];
  /** Example customer phrasings this response answers (help selection). */
  signals?: string[];
  metadata?: Record<string, unknown>;
  /** Fields that must be fillable for the response to be a candidate at all. */
  fieldDependencies?: string[];
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
  /**
   * A preamble template ("One moment, let me check that."): sent at the start of slow turns in
   * the canned modes, never as a reply.
   */
  preamble?: boolean;
  /** A candidate only while one of these guidelines is matched (ids or handles). */
  guidelines?: (string | { id: string })[];
  /** A candidate only while one of these journeys is active. */
  journeys?: string[];
  /**
   * A candidate only while a journey is at one of these states: `<journeyId>:<stateId>` for one
   * journey's state, or a bare state id for that state in any active journey.
   */
  journeyStates?: string[];
}

/** An agent's canned responses, defined from code. */
export interface AgentCannedResponses {
  /**
   * Defines an approved response for this agent. Idempotent: the same value (or `id`) updates
   * the existing response. Throws `ValidationError` for a malformed template (unclosed `{{`,
   * unknown `std.` field, placeholders not among declared `fields`…).
   */
  create(definition: CannedResponseDefinition): Promise<CannedResponse>;
  /** Canned responses scoped to this agent (reply, preamble and no-match ones). */
  list(): Promise<CannedResponse[]>;
  /**
   * Sets what strict mode sends when no template fits (it wins over the engine's
   * `canned.noMatchReply`). Std fields such as `{{std.customer.name}}` may be used.
   */
  setNoMatchReply(value: string): Promise<CannedResponse>;
}

/** Builds the canned-response API of an agent handle. */
export function agentCannedResponses(
  context: DefinitionContext,
  agentId: string,
): AgentCannedResponses {
  const scope = agentTag(agentId);
  const save = (
    id: string,
    identity: DefinedIdentity,
    fields: Omit<CannedResponseInput, 'id' | 'owner'>,
  ) =>
    define(context, context.model.cannedResponses, {
      kind: 'cannedResponse',
      agentId,
      id,
      identity,
      fields,
    });
  return {
    create(definition) {
      const tags = [
        scope,
        ...(definition.tags ?? []),
        ...(definition.guidelines ?? []).map((g) => guidelineTag(typeof g === 'string' ? g : g.id)),
        ...(definition.journeys ?? []).map(journeyTag),
        ...(definition.journeyStates ?? []).map(journeyNodeTag),
        ...(definition.preamble === true ? [PREAMBLE_TAG] : []),
      ];
      const given = definition.id;
      const id =
        given ??
        contentId(
          'canned-response',
          agentId,
          definition.value,
          String(definition.preamble === true),
        );
      return save(id, given === undefined ? 'content' : 'id', {
        value: definition.value,
        fields: definition.fields ?? [],
        tags: [...new Set(tags)],
        signals: definition.signals ?? [],
        metadata: definition.metadata ?? {},
        fieldDependencies: definition.fieldDependencies ?? [],
      });
    },
    list: () => context.store.cannedResponses.list({ tags: [scope] }),
    setNoMatchReply: (value) =>
      save(contentId('canned-no-match', agentId), 'key', {
        value,
        fields: [],
        tags: [scope, NO_MATCH_TAG],
        signals: [],
        metadata: {},
        fieldDependencies: [],
      }),
  };
}
