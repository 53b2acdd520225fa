import type { ObjectExpression } from 'oxc-parser';
import {
  type AstNode,
  identifierName,
  isNodeOfType,
  propertyKeyName,
  unwrapExpression,
} from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';

/** Options that carry credentials in either SDK, and so could override (or be overridden by) a rewrite. */
const CREDENTIAL_OPTIONS = new Set([
  'credentials',
  'credentialProvider',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
]);

/** `base` of `...base` is a `const` object literal this file can see whole, without credentials. */
function keyFreeBase(argument: AstNode | undefined, scopes: ScopeInfo): boolean {
  const id = argument && unwrapExpression(argument);
  if (identifierName(id) === undefined || id === undefined) return false;
  const binding = scopes.bindingOf(id);
  if (binding === undefined || binding.kind !== 'const' || binding.writes > 0 || binding.exported)
    return false;
  // Destructured (`const { base } = …`) or not an object literal: its contents are not in sight.
  if ((binding.path?.length ?? 0) > 0) return false;
  const init = binding.init && unwrapExpression(binding.init);
  if (!isNodeOfType(init, 'ObjectExpression')) return false;
  const props = init.properties;
  if (!props.every((p) => p.type === 'Property' && !p.computed)) return false;
  if (props.some((p) => CREDENTIAL_OPTIONS.has(propertyKeyName(p) ?? ''))) return false;
  // Only ever spread: nothing can add `base.credentials = …` or hand it to code that does.
  return binding.reads.every((r) => scopes.parentOf(r)?.type === 'SpreadElement');
}

/**
 * Whether every spread in an options object visibly adds no credentials (`{ ...base, credentials }`
 * where `const base = { region: 'eu-west-1' }` is read nowhere else), so a rewrite of the keys
 * cannot be undone by, or undo, what the spread brings in. Any other spread is opaque.
 */
export function spreadsAreKeyFree(options: ObjectExpression | undefined, scopes: ScopeInfo): boolean {
  if (options === undefined) return true;
  return options.properties
    .filter((p) => p.type === 'SpreadElement')
    .every((p) => keyFreeBase(p.argument, scopes));
}
