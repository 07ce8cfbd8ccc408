import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';

const tagFields = { name: z.string().trim().min(1).max(50) };

/** A tag: a named scope shared by agents, guidelines, journeys and other entities. */
export const tagSchema = z.object({ id: idSchema, ...tagFields, createdAt: timestampSchema });
/** A tag. */
export type Tag = z.infer<typeof tagSchema>;

/** What it takes to create a tag. */
export const tagInputSchema = z.object({ id: idSchema.optional(), ...tagFields });
/** What it takes to create a tag. */
export type TagInput = z.input<typeof tagInputSchema>;

/** Fields that can be changed after creation. */
export const tagPatchSchema = z.object(tagFields).partial();
/** Fields that can be changed after creation. */
export type TagPatch = z.input<typeof tagPatchSchema>;
