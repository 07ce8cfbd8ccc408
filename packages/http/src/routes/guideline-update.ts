import {
  compositionModeSchema,
  criticalitySchema,
  type Guideline,
  type GuidelinePatch,
  NotFoundError,
  type StoreTransaction,
} from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { toolRefOf } from '../dto/tool.js';
import { ensureTagsExist, ensureToolsKnown } from './checks.js';
import {
  applyMetadataChanges,
  applyTagChanges,
  metadataChangesSchema,
  tagChangesSchema,
} from './tag-changes.js';
import { given, labelChangesSchema, toolIdSchema } from './wire-schemas.js';

/** Body of `PATCH /guidelines/{id}`. An explicit `null` clears a nullable field. */
export const guidelineUpdateSchema = z.object({
  condition: z.string().trim().min(1).nullish(),
  /** `null` turns the guideline into an observation. */
  action: z.string().trim().min(1).nullish(),
  description: z.string().nullish(),
  title: z.string().nullish(),
  criticality: criticalitySchema.nullish(),
  tool_associations: z
    .object({ add: z.array(toolIdSchema).nullish(), remove: z.array(toolIdSchema).nullish() })
    .nullish(),
  enabled: z.boolean().nullish(),
  tags: tagChangesSchema.nullish(),
  metadata: metadataChangesSchema.nullish(),
  composition_mode: compositionModeSchema.nullish(),
  labels: labelChangesSchema.nullish(),
  priority: z.number().int().nullish(),
  track: z.boolean().nullish(),
});

type GuidelineUpdate = z.output<typeof guidelineUpdateSchema>;

/**
 * The tools after `{add, remove}`: added tools must be known to the registry; removing a tool
 * that is not associated is a 404, as in the reference.
 */
function nextTools(
  c: Context<AppEnv>,
  current: Guideline,
  changes: NonNullable<GuidelineUpdate['tool_associations']>,
): string[] {
  const added = (changes.add ?? []).map(toolRefOf);
  ensureToolsKnown(c, added);
  const tools = [...new Set([...current.tools, ...added])];
  const removed = new Set((changes.remove ?? []).map(toolRefOf));
  for (const ref of removed) {
    if (!tools.includes(ref)) throw new NotFoundError('tool association', `${current.id}/${ref}`);
  }
  return tools.filter((ref) => !removed.has(ref));
}

/**
 * Checks a PATCH body against the current guideline (in the update's transaction `tx`) and
 * turns it into a store patch. Every check runs before anything is written, so a rejected
 * request changes nothing.
 */
export async function guidelinePatch(options: {
  c: Context<AppEnv>;
  tx: StoreTransaction;
  current: Guideline;
  body: GuidelineUpdate;
}): Promise<GuidelinePatch> {
  const { c, tx, current, body } = options;
  await ensureTagsExist(tx, body.tags?.add);
  return {
    condition: given(body.condition),
    action: body.action,
    description: body.description,
    title: body.title,
    criticality: given(body.criticality),
    enabled: given(body.enabled),
    priority: given(body.priority),
    track: given(body.track),
    compositionMode: body.composition_mode,
    tools:
      body.tool_associations == null ? undefined : nextTools(c, current, body.tool_associations),
    tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
    metadata:
      body.metadata == null ? undefined : applyMetadataChanges(current.metadata, body.metadata),
    labels:
      body.labels == null
        ? undefined
        : applyTagChanges(current.labels, {
            add: given(body.labels.upsert),
            remove: given(body.labels.remove),
          }),
  };
}
