import { contentId, type Guideline } from '@conduct/core';
import { toolIdDto } from './tool.js';

/** Wire shape of a guideline (reference §1.6). */
export function guidelineDto(guideline: Guideline) {
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

/** Wire shape of a guideline (reference §1.6). */
export type GuidelineDto = ReturnType<typeof guidelineDto>;

/**
 * A guideline's tool as the wire's tool association. Conduct stores tools on the guideline, so
 * the association id is derived from the pair: stable across reads, never stored.
 */
export function toolAssociationDto(guidelineId: string, toolRef: string) {
  return {
    id: contentId('tool-association', guidelineId, toolRef),
    guideline_id: guidelineId,
    tool_id: toolIdDto(toolRef),
  };
}
