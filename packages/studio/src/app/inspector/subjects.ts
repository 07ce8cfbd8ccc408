import type { EntityRef, Subject, TurnRecord } from '../api/types.js';

/** Looks up what an entity of a record was, in its author's words. */
export interface Subjects {
  /** The entity's title, else its text, else its id. */
  name(entity: EntityRef): string;
  /** The entity's text (a guideline's rule), else its id. */
  text(entity: EntityRef): string;
  get(entity: EntityRef): Subject | undefined;
}

const keyOf = (entity: EntityRef) => `${entity.type}:${entity.id}`;

/** The subjects of a record. */
export function subjectsOf(record: TurnRecord): Subjects {
  const byKey = new Map(record.subjects.map((subject) => [keyOf(subject.entity), subject]));
  return {
    get: (entity) => byKey.get(keyOf(entity)),
    name: (entity) => {
      const subject = byKey.get(keyOf(entity));
      return subject?.title ?? subject?.text ?? entity.id;
    },
    text: (entity) => byKey.get(keyOf(entity))?.text ?? entity.id,
  };
}

/** A tool reference of a record (`{service_name, tool_name}` or a string) as one name. */
export function toolNameOf(tool: unknown): string {
  if (typeof tool === 'string') return tool;
  if (tool !== null && typeof tool === 'object') {
    const ref = tool as {
      service_name?: string;
      tool_name?: string;
      serviceName?: string;
      toolName?: string;
    };
    // Relationship endpoints carry the whole tool (`{name, description, …}`).
    const name = ref.tool_name ?? ref.toolName ?? (tool as { name?: string }).name;
    const service = ref.service_name ?? ref.serviceName;
    if (name) return service ? `${service}:${name}` : name;
  }
  return JSON.stringify(tool);
}
