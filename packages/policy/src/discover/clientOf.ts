import {
  type AstNode,
  child,
  children,
  isV2ServiceClass,
  isV3ClientClass,
  memberPropertyName,
  propertyKeyName,
  resolveModuleRef,
  sdkRef,
  stringValue,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import { definitionsOf } from './definitionsOf.js';
import type { Project, ProjectModule } from './Project.js';

/** An AWS SDK client the code calls methods on. */
export interface ClientInfo {
  sdk: 'v2' | 'v3';
  /** The SDK's service name (`s3`, `secrets-manager`, `SecretsManager`). */
  service: string;
  /** v3 aggregated clients (`new S3()`, `DynamoDBDocument`) and every v2 class have one method per operation. */
  methods: boolean;
  /** A DynamoDB document client. */
  document: boolean;
  /** The region the client is built with, when the code writes it as a literal (`{ region: 'eu-west-1' }`). */
  region?: string;
}

/** `new X({ region: 'eu-west-1' })`: the literal region of a client's config. */
function literalRegion(expr: AstNode): { region?: string } {
  const config = children(expr, 'arguments')[0];
  const object = config && unwrapExpression(config);
  if (object?.type !== 'ObjectExpression') return {};
  for (const prop of children(object, 'properties'))
    if (prop.type === 'Property' && propertyKeyName(prop) === 'region') {
      const value = stringValue(child(prop, 'value'));
      return value !== undefined && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value) ? { region: value } : {};
    }
  return {};
}

const V3_CLIENT = '@aws-sdk/client-';
const LIB_DYNAMODB = '@aws-sdk/lib-dynamodb';

/** The client an expression holds, followed through variables, fields, factories and modules. */
export function clientOf(node: AstNode, module: ProjectModule, project: Project): ClientInfo | undefined {
  for (const def of definitionsOf(node, module, project)) {
    const info = constructed(def.node, def.module);
    if (info !== undefined) return info;
  }
  return undefined;
}

function constructed(node: AstNode, module: ProjectModule): ClientInfo | undefined {
  const expr = unwrapExpression(node);
  const callee = child(expr, 'callee');
  if (callee === undefined) return undefined;
  if (expr.type === 'NewExpression') {
    const ref = sdkRef(callee, module.scopes);
    if (ref?.sdk === 'v3' && isV3ClientClass(ref)) {
      const name = ref.path[0] ?? '';
      return {
        sdk: 'v3',
        service: ref.source.slice(V3_CLIENT.length),
        methods: !name.endsWith('Client'),
        document: false,
        ...literalRegion(expr),
      };
    }
    if (ref?.sdk === 'v2' && isV2ServiceClass(ref)) {
      const first = ref.path[0] ?? '';
      return {
        sdk: 'v2',
        service: first.startsWith('clients/') ? first.slice('clients/'.length) : first,
        methods: true,
        document: ref.path[1] === 'DocumentClient',
        ...literalRegion(expr),
      };
    }
    return documentClient(callee, module);
  }
  // `DynamoDBDocumentClient.from(client)`
  if (
    expr.type === 'CallExpression' &&
    callee.type === 'MemberExpression' &&
    memberPropertyName(callee) === 'from'
  ) {
    const object = child(callee, 'object');
    return object && documentClient(object, module);
  }
  return undefined;
}

function documentClient(classRef: AstNode, module: ProjectModule): ClientInfo | undefined {
  const ref = resolveModuleRef(classRef, module.scopes);
  if (ref?.source !== LIB_DYNAMODB || ref.path.length !== 1) return undefined;
  const name = ref.path[0];
  if (name !== 'DynamoDBDocument' && name !== 'DynamoDBDocumentClient') return undefined;
  return { sdk: 'v3', service: 'dynamodb', methods: name === 'DynamoDBDocument', document: true };
}
