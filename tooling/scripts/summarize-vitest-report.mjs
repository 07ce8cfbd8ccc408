// Prints vitest's JSON report as the one plain line CI reads: "N passed, N failed[, N skipped]".
// A missing report (typecheck or lint failed before the tests ran) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, exitCode = '0'] = process.argv.slice(2);
if (!reportPath || !existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
// Suites that fail to load (syntax errors, failing imports) have no tests but must still fail CI.
const failedSuites = (report.testResults ?? []).filter(
  (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 || exitCode !== '0' ? 1 : 0);
