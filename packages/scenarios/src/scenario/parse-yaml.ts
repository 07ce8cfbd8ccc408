import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { fieldOf, ScenarioFormatError, type ScenarioFormatIssue } from './format-error.js';
import { scenarioSchema } from './schema.js';
import { plainIssues } from './schema-issues.js';
import type { Scenario } from './types.js';

/** Options of {@link parseScenarios}. */
export interface ParseScenariosOptions {
  /** The file name errors and reports show (default `scenarios.yaml`). */
  file?: string;
}

/**
 * Reads scenarios from YAML text. A document is one scenario, or a list of them; a file may
 * hold several documents (separated by `---`).
 *
 * @throws ScenarioFormatError listing every problem, each with its line, column and field.
 */
export function parseScenarios(text: string, options: ParseScenariosOptions = {}): Scenario[] {
  const { scenarios, issues } = readScenarios(text, options.file ?? 'scenarios.yaml');
  if (issues.length > 0) throw new ScenarioFormatError(issues);
  return scenarios;
}

/** The valid scenarios of a YAML text, and the problems of the others. */
export function readScenarios(
  text: string,
  file: string,
): { scenarios: Scenario[]; issues: ScenarioFormatIssue[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const issues: ScenarioFormatIssue[] = [];
  const scenarios: Scenario[] = [];
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (const document of Array.isArray(documents) ? documents : []) {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        issues.push({
          file,
          ...at(error.pos[0]),
          field: '',
          message: `not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
        });
      }
      continue;
    }
    const contents = document.contents;
    if (contents === null) continue;
    const value: unknown = document.toJS();
    const entries = Array.isArray(value)
      ? value.map((item, index) => ({ item, prefix: [index] as PropertyKey[] }))
      : [{ item: value, prefix: [] as PropertyKey[] }];
    for (const { item, prefix } of entries) {
      const parsed = scenarioSchema.safeParse(item, { reportInput: true });
      const start = locate(contents, prefix)?.range?.[0];
      if (parsed.success) {
        scenarios.push({ ...parsed.data, source: { file, ...lineOf(at(start)) } });
        continue;
      }
      for (const issue of plainIssues(parsed.error)) {
        const path = [...prefix, ...issue.path];
        issues.push({
          file,
          ...at(locate(contents, path)?.range?.[0] ?? start),
          field: fieldOf(path),
          message: issue.message,
        });
      }
    }
  }
  return { scenarios, issues };
}

function lineOf(position: { line?: number }): { line?: number } {
  return position.line === undefined ? {} : { line: position.line };
}

/**
 * The node nearest to `path`: the value at the path, or the key itself when the path ends at a
 * key that is there (an unknown field), or the deepest ancestor that exists.
 */
function locate(root: Node, path: readonly PropertyKey[]): Node | undefined {
  let node: Node | undefined = root;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isSeq(node) && typeof segment === 'number') {
      const next: unknown = node.items[segment];
      if (next === undefined || isPair(next)) return node;
      node = next as Node;
    } else if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (pair === undefined) return node;
      const key = pair.key as Node;
      if (last) return key;
      if (pair.value === null) return key;
      node = pair.value as Node;
    } else {
      return node;
    }
  }
  return node;
}
