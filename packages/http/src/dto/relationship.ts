import type { Relationship, RelationshipKind } from '@conduct/core';
import { z } from 'zod';
import type { GuidelineDto } from './guideline.js';
import type { TagDto } from './tag.js';
import type { ToolDto } from './tool.js';

/** Relationship kinds as the wire names them. */
export const wireRelationshipKindSchema = z.enum([
  'entailment',
  'priority',
  'dependency',
  'disambiguation',
  'overlap',
  'reevaluation',
]);
/** A relationship kind as the wire names it. */
export type WireRelationshipKind = z.infer<typeof wireRelationshipKindSchema>;

const WIRE_KINDS: Record<RelationshipKind, WireRelationshipKind> = {
  entails: 'entailment',
  overrides: 'priority',
  requires: 'dependency',
  disambiguates: 'disambiguation',
  'reevaluate-after': 'reevaluation',
  overlaps: 'overlap',
};

const DOMAIN_KINDS = Object.fromEntries(
  Object.entries(WIRE_KINDS).map(([domain, wire]) => [wire, domain]),
) as Record<WireRelationshipKind, RelationshipKind>;

/** The wire name of a relationship kind (`overrides` → `priority`). */
export function wireKindOf(kind: RelationshipKind): WireRelationshipKind {
  return WIRE_KINDS[kind];
}

/** The domain kind of a wire relationship kind (`priority` → `overrides`). */
export function domainKindOf(kind: WireRelationshipKind): RelationshipKind {
  return DOMAIN_KINDS[kind];
}

/** One end of a relationship, resolved to the DTO of what it points at. */
export interface RelationshipSideDto {
  guideline?: GuidelineDto;
  tag?: TagDto;
  tool?: ToolDto;
}

/**
 * Wire shape of a relationship (reference §1.10): every side key is present, `null` when that
 * side is of another type. Journeys travel as their `journey:<id>` tag, as in the reference.
 */
export function relationshipDto(
  relationship: Relationship,
  source: RelationshipSideDto,
  target: RelationshipSideDto,
) {
  return {
    id: relationship.id,
    source_guideline: source.guideline ?? null,
    source_tag: source.tag ?? null,
    source_tool: source.tool ?? null,
    target_guideline: target.guideline ?? null,
    target_tag: target.tag ?? null,
    target_tool: target.tool ?? null,
    kind: wireKindOf(relationship.kind),
  };
}

/** Wire shape of a relationship. */
export type RelationshipDto = ReturnType<typeof relationshipDto>;
