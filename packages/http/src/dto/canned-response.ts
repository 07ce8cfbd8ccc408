import type { CannedResponse } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/** Wire shape of a canned response (docs/compatibility.md#canned-responses). */
export const cannedResponseDtoSchema = named(
  z.object({
    id: z.string(),
    creation_utc: timestampDto,
    value: z.string(),
    fields: z.array(
      z.object({ name: z.string(), description: z.string(), examples: z.array(z.string()) }),
    ),
    tags: z.array(z.string()),
    signals: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    field_dependencies: z.array(z.string()),
  }),
  'CannedResponse',
);

/** A canned response in the wire format. */
export function cannedResponseDto(
  response: CannedResponse,
): z.output<typeof cannedResponseDtoSchema> {
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
