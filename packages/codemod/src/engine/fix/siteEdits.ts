import type { ObjectExpression, ObjectProperty } from 'oxc-parser';
import { type AstNode, asNode, propertyKeyName } from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import type { Site } from '../sites/Site.js';
import type { FixInput } from './FixInput.js';
import { type Edit, removeListItems, removeStatement } from './listEdits.js';

/** What a planned rewrite needs imported. */
export type Needed = 'fromInstanceRole' | 'InstanceRoleCredentials';

export type SiteEdits = { edits: Edit[]; needs?: Needed | undefined } | { reason: string };

const V3_PROVIDER = 'fromInstanceRole()';
const V2_PROVIDER = 'new InstanceRoleCredentials()';

/** Replaces a property's value, or a shorthand `{ credentials }` with `credentials: <value>`. */
function replaceValue(prop: ObjectProperty, value: string): Edit {
  return prop.shorthand
    ? { start: prop.start, end: prop.end, text: `credentials: ${value}` }
    : { start: prop.value.start, end: prop.value.end, text: value };
}

function removeProps(
  { text, scopes }: Pick<FixInput, 'text' | 'scopes'>,
  site: Site,
  props: AstNode[],
): Edit[] | { reason: string } {
  // Only the shapes that found an options object get here.
  const options = site.options as ObjectExpression;
  const result = removeListItems(text, {
    items: options.properties,
    remove: new Set(props),
    floor: options.start,
  });
  if (result !== 'all') return result;
  // `AWS.config.update({ accessKeyId, secretAccessKey })` with nothing left: the call goes.
  const stmt =
    site.kind === 'v2-config-update' && site.optionsBinding === undefined ? site.statements[0] : undefined;
  const gone = stmt && removeStatement(text, stmt, scopes.parentOf(stmt));
  return gone ? [gone] : [{ start: options.start + 1, end: options.end - 1, text: '' }];
}

function removeStatements(
  text: string,
  statements: AstNode[],
  scopes: ScopeInfo,
): Edit[] | { reason: string } {
  const edits: Edit[] = [];
  for (const stmt of statements) {
    const edit =
      stmt.type === 'ExpressionStatement' ? removeStatement(text, stmt, scopes.parentOf(stmt)) : undefined;
    if (edit === undefined)
      return { reason: 'The assignment is not a statement of its own; remove it by hand' };
    edits.push(edit);
  }
  return edits;
}

/**
 * The text edits that take a site's static credentials out: for `'keyless'`, v3 clients get
 * `credentials: fromInstanceRole()` and v2 code `new InstanceRoleCredentials()`; for
 * `'sdk-default'` the keys are just removed. Only called for sites already judged safe.
 */
export function siteEdits(input: FixInput, site: Site): SiteEdits {
  const { text, target, scopes } = input;
  const keyless = target === 'keyless';
  const wrap = (edits: Edit[] | { reason: string }, needs?: Needed): SiteEdits =>
    Array.isArray(edits) ? { edits, needs: keyless ? needs : undefined } : edits;
  switch (site.kind) {
    case 'v3-client': {
      const prop = site.credentialsProp;
      if (prop === undefined) return { reason: 'No credentials property to rewrite' };
      return keyless
        ? wrap([replaceValue(prop, V3_PROVIDER)], 'fromInstanceRole')
        : wrap(removeProps(input, site, [prop]));
    }
    case 'v2-client':
    case 'v2-config-update': {
      const options = site.options as ObjectExpression;
      const prop = site.credentialsProp;
      const otherCredentials = options.properties.some(
        (p) => p !== prop && p.type === 'Property' && propertyKeyName(p) === 'credentials',
      );
      if (otherCredentials)
        return { reason: 'The options also set credentials another way; merge them by hand' };
      if (!keyless) return wrap(removeProps(input, site, [...site.keyProps, ...(prop ? [prop] : [])]));
      const [first, ...rest] = site.keyProps;
      const replaced = prop
        ? replaceValue(prop, V2_PROVIDER)
        : first && { start: first.start, end: first.end, text: `credentials: ${V2_PROVIDER}` };
      if (replaced === undefined) return { reason: 'No credentials property to rewrite' };
      const removed = prop ? site.keyProps : rest;
      if (removed.length === 0) return wrap([replaced], 'InstanceRoleCredentials');
      const removal = removeListItems(text, {
        items: options.properties,
        remove: new Set(removed),
        floor: options.start,
      });
      if (removal === 'all') return { reason: 'Unexpected empty options' };
      return wrap([replaced, ...removal], 'InstanceRoleCredentials');
    }
    case 'v2-config-credentials': {
      const expr = site.credentialsExpr;
      if (expr === undefined) return { reason: 'No credentials value to rewrite' };
      if (keyless)
        return wrap([{ start: expr.start, end: expr.end, text: V2_PROVIDER }], 'InstanceRoleCredentials');
      return wrap(removeStatements(text, site.statements, scopes));
    }
    case 'v2-config-keys': {
      const [first, ...rest] = site.statements;
      const stmt = first && asNode(first);
      const assign = stmt?.type === 'ExpressionStatement' ? stmt.expression : undefined;
      if (!keyless) return wrap(removeStatements(text, site.statements, scopes));
      if (assign?.type !== 'AssignmentExpression' || assign.left.type !== 'MemberExpression') {
        return { reason: 'The assignment is not a statement of its own; rewrite it by hand' };
      }
      const object = assign.left.object;
      const configText = text.slice(object.start, object.end);
      const removed = removeStatements(text, rest, scopes);
      if (!Array.isArray(removed)) return removed;
      return wrap(
        [
          { start: assign.start, end: assign.end, text: `${configText}.credentials = ${V2_PROVIDER}` },
          ...removed,
        ],
        'InstanceRoleCredentials',
      );
    }
    default:
      return { reason: 'This shape is reported, not rewritten' };
  }
}
