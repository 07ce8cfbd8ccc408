import { z } from 'zod';

/** `{ add?, remove? }` edits of a tag (or label) list, as PATCH bodies send them. */
export const tagChangesSchema = z.object({
  add: z.array(z.string()).optional(),
  remove: z.array(z.string()).optional(),
});

/** Applies `{ add, remove }` to a list, keeping order and dropping duplicates. */
export function applyTagChanges(
  current: readonly string[],
  changes: z.output<typeof tagChangesSchema>,
): string[] {
  const removed = new Set(changes.remove ?? []);
  return [...new Set([...current, ...(changes.add ?? [])])].filter((tag) => !removed.has(tag));
}

/** `{ set?, unset? }` edits of a metadata object. */
export const metadataChangesSchema = z.object({
  set: z.record(z.string(), z.unknown()).optional(),
  unset: z.array(z.string()).optional(),
});

/** Applies `{ set, unset }` to a metadata object. */
export function applyMetadataChanges<T>(
  current: Record<string, T>,
  changes: { set?: Record<string, T>; unset?: string[] },
): Record<string, T> {
  const next = { ...current, ...(changes.set ?? {}) };
  for (const key of changes.unset ?? []) delete next[key];
  return next;
}
