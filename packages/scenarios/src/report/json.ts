import type { SuiteResult } from '../run/results.js';

/** Version of the JSON report's shape; bumped when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/** The JSON report: the suite's result, with the report's version. */
export interface JsonReport extends SuiteResult {
  version: typeof JSON_REPORT_VERSION;
}

/** A suite's result as a JSON document for CI and dashboards (every field of {@link SuiteResult}). */
export function formatJsonReport(result: SuiteResult): string {
  const report: JsonReport = { version: JSON_REPORT_VERSION, ...result };
  return `${JSON.stringify(report, null, 2)}\n`;
}
