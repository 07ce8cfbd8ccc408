import type { CannedResponse } from '@conduct/core';

/** Wire shape of a canned response (reference §1.9). */
export function cannedResponseDto(response: CannedResponse) {
  return {
    id: response.id,
    creation_utc: response.createdAt,
    value: response.value,
    fields: response.fields.map((field) => ({
      name: field.name,
      description: field.description,
      examples: field.examples,
    })),
    tags: response.tags,
    signals: response.signals,
    metadata: response.metadata,
    field_dependencies: response.fieldDependencies,
  };
}
