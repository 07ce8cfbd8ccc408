import { z } from 'zod';

/** Free-form metadata: JSON-serializable values by key. */
export const metadataSchema = z.record(z.string(), z.unknown());
/** Free-form metadata. */
export type Metadata = z.infer<typeof metadataSchema>;

/** Tag ids attached to an entity. Tags scope what an agent sees. */
export const tagIdsSchema = z.array(z.string().min(1));

/** Labels: free strings used to filter sessions and mark guidelines. */
export const labelsSchema = z.array(z.string().min(1));

/**
 * How the agent's reply is written. See docs/architecture.md#domain-model and
 * docs/canned-responses.md.
 */
export const compositionModeSchema = z.enum([
  'fluid',
  'canned_fluid',
  'composited_canned',
  'strict_canned',
]);
/** How the agent's reply is written. */
export type CompositionMode = z.infer<typeof compositionModeSchema>;

/** How much a mistake on this guideline costs; also decides which matching task evaluates it. */
export const criticalitySchema = z.enum(['low', 'medium', 'high']);
/** How much a mistake on this guideline costs. */
export type Criticality = z.infer<typeof criticalitySchema>;

/**
 * A tool reference as `"service:tool"`: the service groups tools (`local` for tools defined in
 * code, or an MCP / OpenAPI service name); the tool name is unique within it.
 */
export const toolRefSchema = z
  .string()
  .regex(/^[^:\s]+:[^:\s]+$/, 'tool reference must look like "service:tool"');
/** A tool reference as `"service:tool"`. */
export type ToolRef = z.infer<typeof toolRefSchema>;

/** Split a `"service:tool"` reference into its parts. */
export function parseToolRef(ref: ToolRef): { serviceName: string; toolName: string } {
  const [serviceName = '', toolName = ''] = ref.split(':');
  return { serviceName, toolName };
}

/**
 * How a tool is named where a model reads it to understand (conversation lines, journey steps,
 * tool errors): its tool name without the service prefix (`local:order_status` → `order_status`).
 * Exact references stay in records and wherever a model must return one.
 */
export function toolDisplayName(ref: string): string {
  const separator = ref.indexOf(':');
  return separator === -1 ? ref : ref.slice(separator + 1);
}

/**
 * Display names of tools a model reads side by side (e.g. the tools offered in one tool round):
 * each one's tool name, followed by its service (`lookup (service: crm)`) when another of them
 * has the same tool name, so two services' tools never look identical.
 */
export function toolDisplayNames(refs: Iterable<string>): Map<string, string> {
  const unique = [...new Set(refs)];
  const count = new Map<string, number>();
  for (const ref of unique) {
    const name = toolDisplayName(ref);
    count.set(name, (count.get(name) ?? 0) + 1);
  }
  return new Map(
    unique.map((ref) => {
      const name = toolDisplayName(ref);
      const shared = (count.get(name) ?? 0) > 1 && ref.includes(':');
      return [ref, shared ? `${name} (service: ${parseToolRef(ref).serviceName})` : name];
    }),
  );
}

/** Join service and tool names into a `"service:tool"` reference. */
export function formatToolRef(serviceName: string, toolName: string): ToolRef {
  return `${serviceName}:${toolName}`;
}
