// `@keyless/codemod/analysis`: the engine's parser and scope analysis for other keyless packages
// (`@keyless/policy` reads SDK calls through it). A deliberate, small surface: the engine's
// internals may move, these names stay.

/** `module.exports`, or NAME of `exports.NAME` / `module.exports.NAME`, for an assignment target. */
export { exportTarget } from '../engine/detect/followImport.js';
/**
 * The engine's loose view of an oxc ESTree node (`type`, `start`, `end` and every field any oxc
 * node has, as `unknown`; oxc-parser's typed nodes are assignable to it) and its accessors: a
 * child node, child arrays, direct children in source order, an identifier's name, a string
 * literal's value, a property key's name, a member's property name, and an expression with
 * `as`/`!`/`satisfies`/parentheses stripped.
 */
export {
  type AstNode,
  child,
  children,
  forEachChild,
  identifierName,
  isNode,
  memberPropertyName,
  propertyKeyName,
  stringValue,
  unwrapExpression,
} from '../engine/parse/AstNode.js';
/** `'code'`, `'text'` or `undefined` for a path, as the scanner treats it. */
export { fileKind } from '../engine/parse/fileKind.js';
/** Offsets to 1-based line and UTF-16 column. */
export { LineIndex, type Position } from '../engine/parse/LineIndex.js';
/** Parses one code file with oxc, the engine's way; `ok: false` with the offset of the first error. */
export { type Parsed, parseCode } from '../engine/parse/parseCode.js';
/** The keywords a code file needs for the engine to parse it at all (its prefilter). */
export { CODE_KEYWORDS } from '../engine/parse/prefilter.js';
/**
 * Resolves a program's scopes: `bindingOf(identifier)` gives the declaration it reads (with its
 * initialiser, destructuring path, import source and name, reads and write count), `parentOf(node)`
 * its parent, `moduleBindings` the top-level names, and `nodesOfType(t)` every node of a collected
 * type (`NewExpression`, `CallExpression`, `MemberExpression`, `AssignmentExpression`,
 * `ObjectExpression`, literals, templates, classes) in source order, typed as oxc's node of `t`.
 */
export {
  analyzeScopes,
  type Binding,
  type BindingKind,
  type ScopeInfo,
} from '../engine/scope/analyzeScopes.js';
/**
 * Constant-folds a string expression (literals, templates, `+`, `[...].join()`, never-written
 * constants), or `undefined` when any part is computed at run time.
 */
export { type Folded, foldString } from '../engine/scope/foldString.js';
/**
 * Follows an expression back to the module it came from (`import`, `require`, destructuring,
 * members): `resolveModuleRef`; `requireSource` for a bare `require('x')`; `sdkRef` classifies the
 * result as AWS SDK v2 (`aws-sdk`, `aws-sdk/clients/x`) or v3 (`@aws-sdk/client-*`), and
 * `isV2ServiceClass` / `isV3ClientClass` tell a client class from the SDK's other exports.
 */
export {
  isV2ServiceClass,
  isV3ClientClass,
  type ModuleRef,
  requireSource,
  resolveModuleRef,
  type SdkRef,
  sdkRef,
} from '../engine/scope/resolveModuleRef.js';
/**
 * Resolves a relative import of a file to the file on disk (TypeScript's `./x.js` → `./x.ts`,
 * index files) and returns its text; texts already in `seen` are not read again. `importCandidates`
 * lists the paths that resolution tries, for callers that resolve against files they already hold.
 */
export { createModuleReader, importCandidates } from '../sweep/createModuleReader.js';
/** A short, secret-free reason for a failed file operation (`permission denied (EACCES)`). */
export { describeIoError } from '../sweep/describeIoError.js';
/**
 * Lists the files under some paths the way `keyless scan` does (git-aware, `.gitignore` honoured,
 * `node_modules` and build output skipped), with an error entry for a path that cannot be listed.
 */
export { type ListedEntry, listFiles } from '../sweep/listFiles.js';
/** A module parsed and scope-resolved in one call; see {@link analyzeModule}. */
export { type AnalyzedModule, analyzeModule } from './analyzeModule.js';
