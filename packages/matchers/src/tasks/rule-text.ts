import type { Guideline } from '@conduct/core';

/** A guideline as the model-facing items show it: `WHEN <condition> THEN <action>`. */
export function ruleText(guideline: Pick<Guideline, 'condition' | 'action'>): string {
  return guideline.action === null
    ? `WHEN ${guideline.condition}`
    : `WHEN ${guideline.condition} THEN ${guideline.action}`;
}
