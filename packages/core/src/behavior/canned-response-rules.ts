import { assertValidCannedResponse } from '../canned/template-check.js';
import type {
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
} from '../domain/canned-response.js';
import type { EntityRules } from './entity-operations.js';

/**
 * The rules of canned responses: the template is valid (closed `{{ }}`, known `std.` fields,
 * placeholders among the declared fields) before it is stored. An edit that leaves the wording,
 * fields and dependencies alone is not re-checked.
 */
export const cannedResponseRules: EntityRules<
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch
> = {
  beforeCreate(input) {
    assertValidCannedResponse(input);
    return input;
  },
  beforeUpdate(current, patch) {
    if (
      patch.value === undefined &&
      patch.fields === undefined &&
      patch.fieldDependencies === undefined
    ) {
      return;
    }
    assertValidCannedResponse({
      value: patch.value ?? current.value,
      fields: patch.fields ?? current.fields,
      fieldDependencies: patch.fieldDependencies ?? current.fieldDependencies,
    });
  },
};
