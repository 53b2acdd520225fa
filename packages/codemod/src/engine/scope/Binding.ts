import type {
  ImportDeclaration,
  TSImportEqualsDeclaration,
  VariableDeclaration,
  VariableDeclarator,
} from 'oxc-parser';
import type { AstNode } from '../parse/AstNode.js';
import type { NodeOfType } from '../parse/NodeOfType.js';
import type { CollectedType } from './collectedNodes.js';

export type BindingKind =
  | 'const'
  | 'let'
  | 'var'
  | 'function'
  | 'class'
  | 'import'
  | 'param'
  | 'catch'
  | 'other';

/** One declared name and everything that reads or writes it. */
export interface Binding {
  name: string;
  kind: BindingKind;
  id: AstNode;
  /** Initialiser of the declarator (for a destructured name, of the whole pattern). */
  init?: AstNode | undefined;
  /** Property path from `init` to this name in a destructuring pattern; `[]` for `const x = init`. */
  path?: (string | undefined)[];
  declarator?: VariableDeclarator;
  /** The statement holding the declarator, or the import that declares the name. */
  statement?: VariableDeclaration | ImportDeclaration | TSImportEqualsDeclaration;
  /** `import x from 'm'` / `import x = require('m')`: the module specifier and imported name. */
  importSource?: string | undefined;
  importName?: string | undefined;
  /** A parameter's default value (`function f(key = process.env.X)`). */
  paramDefault?: AstNode | undefined;
  exported: boolean;
  /** Identifier nodes that read the binding (writes excluded). */
  reads: AstNode[];
  writes: number;
  /** Whether the binding lives in the module (top-level) scope. */
  moduleLevel: boolean;
}

/** A lexical scope while the program is walked. */
export interface Scope {
  parent: Scope | undefined;
  fn: boolean;
  bindings: Map<string, Binding>;
}

/** The scope facts the rules need: which binding each identifier reads, and every node's parent. */
export interface ScopeInfo {
  bindingOf(id: AstNode): Binding | undefined;
  parentOf(node: AstNode): AstNode | undefined;
  /** Module-level bindings by name. */
  moduleBindings: Map<string, Binding>;
  /** Every binding in the program, in declaration order. */
  allBindings: Binding[];
  /** Identifiers that no declaration binds (`window`, `document`, a script-tag `AWS`), by name. */
  globals: Map<string, AstNode[]>;
  /**
   * Every node of a collected type (`NewExpression`, `CallExpression`, `MemberExpression`, …), in
   * source order and typed as oxc's node of that type, for the rules to iterate without re-walking;
   * `STRINGS` gives the string candidates, any other type nothing.
   */
  nodesOfType<T extends CollectedType>(type: T): NodeOfType<T>[];
  nodesOfType(type: string): AstNode[];
}
