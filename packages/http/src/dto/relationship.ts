import type { Relationship, RelationshipKind } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';
import { type GuidelineDto, guidelineDtoSchema } from './guideline.js';
import { type TagDto, tagDtoSchema } from './tag.js';
import { type ToolDto, toolDtoSchema } from './tool.js';

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
 * Wire shape of a relationship (docs/compatibility.md#relationships-and-capabilities): every side
 * key is present, `null` when that side is of another type. Journeys travel as their `journey:<id>`
 * tag, as in the reference.
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

/** The documented wire shape of a relationship (see {@link relationshipDto}). */
export const relationshipDtoSchema = named(
  z.object({
    id: z.string(),
    source_guideline: guidelineDtoSchema.nullable(),
    source_tag: tagDtoSchema.nullable(),
    source_tool: toolDtoSchema.nullable(),
    target_guideline: guidelineDtoSchema.nullable(),
    target_tag: tagDtoSchema.nullable(),
    target_tool: toolDtoSchema.nullable(),
    kind: wireRelationshipKindSchema,
  }),
  'Relationship',
);

// Compile-time check that the documented schema and the produced shape agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const relationshipShapeMatches: Same<
  RelationshipDto,
  z.output<typeof relationshipDtoSchema>
> = true;
void relationshipShapeMatches;
