import type { CallExpression, Class, NewExpression, ObjectExpression, ObjectProperty } from 'oxc-parser';
import type { ClassifyContext } from '../detect/classifyValue.js';
import { credentialsFrom, fieldValues, optionsObject } from '../detect/credentialValues.js';
import { type AstNode, isNodeOfType, propertyKeyName, unwrapExpression } from '../parse/AstNode.js';
import {
  className,
  isV2ServiceClass,
  isV3ClientClass,
  type SdkRef,
  sdkRef,
} from '../scope/resolveModuleRef.js';
import { SUGGEST } from './judgeSite.js';
import type { Site } from './Site.js';

const V3_FLAT_KEYS =
  'v3 clients ignore top-level accessKeyId/secretAccessKey (they already use the default chain): delete these properties, and rotate any key they held';

/** The last `credentials` property of an options object (the one that wins at run time). */
function credentialsProperty(options: ObjectExpression): ObjectProperty | undefined {
  return options.properties
    .filter((p): p is ObjectProperty => p.type === 'Property' && propertyKeyName(p) === 'credentials')
    .pop();
}

function clientKind(ref: SdkRef): 'v2' | 'v3' | undefined {
  if (isV3ClientClass(ref)) return 'v3';
  if (isV2ServiceClass(ref) || (ref.sdk === 'v2' && ref.path.length === 1 && ref.path[0] === 'Config'))
    return 'v2';
  return undefined;
}

/** A client constructor (or `super()` call) and what the SDK reference behind it says. */
interface ClientCall {
  node: NewExpression | CallExpression;
  ref: SdkRef;
  sdk: 'v2' | 'v3';
  /** Human name of the receiver. */
  where: string;
}

function clientSite({ node, ref, sdk, where }: ClientCall, ctx: ClassifyContext): Site | undefined {
  const { object, binding } = optionsObject(node.arguments[0], ctx.scopes);
  if (object === undefined) return undefined;
  const flat = fieldValues(object, ctx);
  const credentialsProp = credentialsProperty(object);
  const shape = credentialsProp && credentialsFrom(credentialsProp.value, ctx);
  const values = [...flat.values, ...(shape?.values ?? [])];
  if (values.length === 0) return undefined;
  return {
    kind: sdk === 'v3' ? 'v3-client' : 'v2-client',
    sdk,
    node: (shape ? credentialsProp : flat.props[0]) ?? node,
    where,
    values,
    options: object,
    optionsBinding: binding,
    credentialsProp: shape ? credentialsProp : undefined,
    keyProps: flat.props,
    statements: [],
    holders: shape?.holders ?? [],
    globalSdk: ref.global,
    reportOnly:
      ref.via !== undefined
        ? SUGGEST.orm(ref.via)
        : shape?.builder !== undefined
          ? SUGGEST.builder(shape.builder)
          : sdk === 'v3' && flat.props.length > 0
            ? V3_FLAT_KEYS
            : undefined,
  };
}

function enclosingClass(node: AstNode, ctx: ClassifyContext): Class | undefined {
  for (let p = ctx.scopes.parentOf(node); p !== undefined; p = ctx.scopes.parentOf(p)) {
    if (isNodeOfType(p, 'ClassDeclaration') || isNodeOfType(p, 'ClassExpression')) return p;
  }
  return undefined;
}

/**
 * Client constructors that receive credentials: `new S3Client({ credentials })` from any
 * `@aws-sdk/client-*`, `new AWS.S3({ accessKeyId, … })` and `new AWS.Config(…)` from `aws-sdk`
 * (including deep `aws-sdk/clients/*` imports), and `super({ credentials })` in a class that
 * extends a client. The options may be a literal or a `const` holding one.
 */
export function findClientSites(ctx: ClassifyContext): Site[] {
  const sites: Site[] = [];
  for (const node of ctx.scopes.nodesOfType('NewExpression')) {
    const ref = sdkRef(node.callee, ctx.scopes);
    const sdk = ref && clientKind(ref);
    if (ref === undefined || sdk === undefined) continue;
    const site = clientSite({ node, ref, sdk, where: className(ref) }, ctx);
    if (site !== undefined) sites.push(site);
  }
  for (const node of ctx.scopes.nodesOfType('CallExpression')) {
    if (node.callee.type !== 'Super') continue;
    const superClass = enclosingClass(node, ctx)?.superClass;
    const ref = superClass ? sdkRef(unwrapExpression(superClass), ctx.scopes) : undefined;
    const sdk = ref && clientKind(ref);
    if (ref === undefined || sdk === undefined) continue;
    const site = clientSite({ node, ref, sdk, where: `super() of a ${className(ref)} subclass` }, ctx);
    if (site !== undefined) sites.push(site);
  }
  return sites;
}
