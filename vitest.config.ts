import { defineConfig } from 'vitest/config';

// CI sets CONDUCT_TEST_REPORT to get a JSON report it can summarize; locally only the default
// reporter runs.
const reportFile = process.env.CONDUCT_TEST_REPORT;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/bench', 'tooling/browser-tests'],
    reporters: reportFile ? ['default', 'json'] : ['default'],
    ...(reportFile ? { outputFile: { json: reportFile } } : {}),
  },
});
