import { child, children, requireSource, stringValue } from '@keyless/codemod/analysis';
import { Project, type ProjectModule } from '../discover/Project.js';
import type { Source } from '../io/readSources.js';

/** The relative specifiers a module imports, re-exports or requires (a dynamic `import()` is not followed). */
function specifiersOf(module: ProjectModule): string[] {
  const out: string[] = [];
  for (const stmt of children(module.program, 'body')) {
    const text = stringValue(child(stmt, 'source'));
    if (text !== undefined) out.push(text);
  }
  for (const call of module.scopes.nodesOfType('CallExpression')) {
    const text = requireSource(call, module.scopes);
    if (text !== undefined) out.push(text);
  }
  return out.filter((s) => s.startsWith('.'));
}

/**
 * The files each entry reaches through relative imports, `export ... from` and `require()`: the code one deploy unit (a Lambda handler, a worker's main) ships. Files
 * that do not parse are left out here; `derivePolicy` reports them.
 */
export function importClosure(
  sources: readonly Source[],
  entries: readonly string[],
  cwd: string,
): Map<string, Set<string>> {
  const texts = new Map<string, string>();
  for (const s of sources) if (!('error' in s)) texts.set(s.file, s.text);
  // Parses only what the entries reach.
  const project = new Project(texts, cwd);
  const out = new Map<string, Set<string>>();
  for (const entry of entries) {
    const seen = new Set<string>([entry]);
    const queue = [entry];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const module = project.module(file);
      if (module === undefined) continue;
      for (const spec of specifiersOf(module)) {
        const target = project.resolve(file, spec);
        if (target !== undefined && !seen.has(target.file)) {
          seen.add(target.file);
          queue.push(target.file);
        }
      }
    }
    out.set(entry, seen);
  }
  return out;
}
