import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** One name an entry point exports, and whether it exists at run time or only as a type. */
export interface ExportedName {
  name: string;
  kind: 'value' | 'type';
}

/**
 * Every name an entry point exports, read from the source without type-checking: named
 * re-exports, `export *` followed into the files it names, and declarations.
 */
export function exportedNames(entry: string): ExportedName[] {
  return [...namesOf(entry, new Map(), new Set())]
    .map(([name, kind]) => ({ name, kind }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Names = Map<string, ExportedName['kind']>;

function namesOf(file: string, cache: Map<string, Names>, visiting: Set<string>): Names {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const names: Names = new Map();
  if (visiting.has(file)) return names;
  visiting.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const target = moduleFile(file, statement.moduleSpecifier);
      const inner = target === undefined ? new Map() : namesOf(target, cache, visiting);
      const clause = statement.exportClause;
      if (clause === undefined) for (const [name, kind] of inner) names.set(name, kind);
      else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const typeOnly = statement.isTypeOnly || element.isTypeOnly;
          const original = (element.propertyName ?? element.name).text;
          names.set(element.name.text, typeOnly ? 'type' : (inner.get(original) ?? 'value'));
        }
      }
    } else if (hasExportModifier(statement)) {
      for (const [name, kind] of declared(statement)) names.set(name, kind);
    }
  }
  visiting.delete(file);
  cache.set(file, names);
  return names;
}

function declared(statement: ts.Statement): [string, ExportedName['kind']][] {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
    return [[statement.name.text, 'type']];
  }
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement)) &&
    statement.name !== undefined
  ) {
    return [[statement.name.text, 'value']];
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) =>
      ts.isIdentifier(declaration.name) ? [[declaration.name.text, 'value'] as const] : [],
    );
  }
  return [];
}

function hasExportModifier(statement: ts.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function moduleFile(from: string, specifier: ts.Expression | undefined): string | undefined {
  if (specifier === undefined || !ts.isStringLiteral(specifier)) return undefined;
  if (!specifier.text.startsWith('.')) return undefined;
  return resolve(dirname(from), specifier.text.replace(/\.js$/, '.ts'));
}
