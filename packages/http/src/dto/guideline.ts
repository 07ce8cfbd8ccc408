import { compositionModeSchema, criticalitySchema, type Guideline } from '@conduct/core';
import { contentId } from '@conduct/core/internal';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';
import { toolIdDto, toolIdDtoSchema } from './tool.js';

/** Wire shape of a guideline (docs/compatibility.md#guidelines). */
export const guidelineDtoSchema = named(
  z.object({
    id: z.string(),
    condition: z.string(),
    action: z.string().nullable(),
    description: z.string().nullable(),
    title: z.string().nullable(),
    criticality: criticalitySchema,
    enabled: z.boolean(),
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    composition_mode: compositionModeSchema.nullable(),
    track: z.boolean(),
    labels: z.array(z.string()),
    priority: z.number().int(),
  }),
  'Guideline',
);

/** Wire shape of a guideline (docs/compatibility.md#guidelines). */
export type GuidelineDto = z.output<typeof guidelineDtoSchema>;

/** A guideline in the wire format. */
export function guidelineDto(guideline: Guideline): GuidelineDto {
  return {
    id: guideline.id,
    condition: guideline.condition,
    action: guideline.action,
    description: guideline.description,
    title: guideline.title,
    criticality: guideline.criticality,
    enabled: guideline.enabled,
    tags: guideline.tags,
    metadata: guideline.metadata,
    composition_mode: guideline.compositionMode,
    track: guideline.track,
    labels: guideline.labels,
    priority: guideline.priority,
  };
}

/** Wire shape of a guideline's tool association. */
export const toolAssociationDtoSchema = named(
  z.object({ id: z.string(), guideline_id: z.string(), tool_id: toolIdDtoSchema }),
  'GuidelineToolAssociation',
);

/**
 * A guideline's tool as the wire's tool association. Conduct stores tools on the guideline, so
 * the association id is derived from the pair: stable across reads, never stored.
 */
export function toolAssociationDto(
  guidelineId: string,
  toolRef: string,
): z.output<typeof toolAssociationDtoSchema> {
  return {
    id: contentId('tool-association', guidelineId, toolRef),
    guideline_id: guidelineId,
    tool_id: toolIdDto(toolRef),
  };
}
