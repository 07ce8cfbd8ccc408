import { ConductError } from '@conduct/core';

/** One problem in a scenario file: where it is and what is wrong, in plain words. */
export interface ScenarioFormatIssue {
  /** The file, as given to the loader. */
  file: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
  /** The field, e.g. `turns[0].expect.tools.called[1].tool` (empty for the whole document). */
  field: string;
  message: string;
}

/** A scenario file (or object) is not a valid scenario; `issues` lists every problem found. */
export class ScenarioFormatError extends ConductError {
  static readonly code = 'scenario_format';
  readonly issues: ScenarioFormatIssue[];

  constructor(issues: ScenarioFormatIssue[]) {
    super(ScenarioFormatError.code, describeIssues(issues));
    this.issues = issues;
  }
}

/** `file:line:column field: message`, one line per issue. */
export function describeIssue(issue: ScenarioFormatIssue): string {
  const position =
    issue.line === undefined
      ? issue.file
      : `${issue.file}:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return `${position}${issue.field === '' ? '' : ` ${issue.field}`}: ${issue.message}`;
}

function describeIssues(issues: readonly ScenarioFormatIssue[]): string {
  const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
  return [
    `Scenario file has ${count}:`,
    ...issues.map((issue) => `  ${describeIssue(issue)}`),
  ].join('\n');
}

/** `turns[0].expect.reply` from a path of keys and indexes. */
export function fieldOf(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
}
