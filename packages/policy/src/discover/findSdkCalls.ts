import {
  type AstNode,
  child,
  children,
  foldString,
  memberPropertyName,
  propertyKeyName,
  resolveModuleRef,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import { clientOf } from './clientOf.js';
import type { Project, ProjectModule } from './Project.js';
import type { AnalysisProblem, CallShape, SdkCall } from './SdkCall.js';
import { snippet } from './snippet.js';

const V3_CLIENT = '@aws-sdk/client-';
const LIB_DYNAMODB = '@aws-sdk/lib-dynamodb';
const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

// Methods of a client object that are not service operations.
const NOT_OPERATIONS = new Set([
  'send',
  'destroy',
  'middlewareStack',
  'config',
  'promise',
  'on',
  'makeRequest',
  'makeUnauthenticatedRequest',
  'setupRequestListeners',
  'defineService',
  'createSet',
  'waitFor',
  'getSignedUrl',
  'getSignedUrlPromise',
  'createPresignedPost',
  'upload',
]);

/** What one module calls. */
export interface ModuleCalls {
  calls: SdkCall[];
  problems: AnalysisProblem[];
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Every AWS SDK call of one module: v3 commands (wherever they are built: `client.send(new X())`,
 * a command made in a helper, a presigner's command), aggregated v3 and v2 methods (with
 * `.promise()` or a callback), paginators, waiters, lib-storage `Upload`, v2 `upload`, presigned
 * URLs and posts, on clients created here or in another module of the project.
 */
export function findSdkCalls(module: ProjectModule, project: Project): ModuleCalls {
  const calls: SdkCall[] = [];
  const problems: AnalysisProblem[] = [];
  const { scopes } = module;
  const at = (node: AstNode) => ({ file: module.file, ...module.lines.position(node.start) });
  const add = (node: AstNode, call: Omit<SdkCall, 'file' | 'line' | 'column' | 'module'>) =>
    calls.push({ ...at(node), ...call, module });
  const problem = (node: AstNode, kind: AnalysisProblem['kind'], message: string) =>
    problems.push({ ...at(node), kind, message });

  for (const node of scopes.nodesOfType('NewExpression')) {
    const callee = child(node, 'callee');
    if (callee === undefined) continue;
    const args = children(node, 'arguments');
    const ref = resolveModuleRef(callee, scopes);
    if (ref === undefined) {
      if (unwrapExpression(callee).type === 'MemberExpression' && sdkNamespace(callee, module))
        problem(
          node,
          'unfollowable',
          `cannot tell which AWS SDK class \`${snippet(module, callee)}\` builds`,
        );
      continue;
    }
    const [name, ...rest] = ref.path;
    if (name === undefined || rest.length > 0) continue;
    const isCommand = name.endsWith('Command') && name !== 'Command';
    if (isCommand && (ref.source.startsWith(V3_CLIENT) || ref.source === LIB_DYNAMODB)) {
      add(node, {
        sdk: 'v3',
        service: ref.source === LIB_DYNAMODB ? 'dynamodb' : ref.source.slice(V3_CLIENT.length),
        operation: name.slice(0, -'Command'.length),
        document: ref.source === LIB_DYNAMODB,
        shape: isPresignerArgument(node, module) ? 'presigned' : 'command',
        input: args[0],
        ...senderRegion(node, module, project),
      });
    } else if (ref.source === '@aws-sdk/lib-storage' && name === 'Upload') {
      const options = args[0] && unwrapExpression(args[0]);
      const tags = options && property(options, 'tags');
      add(node, {
        sdk: 'v3',
        service: 's3',
        operation: 'Upload',
        document: false,
        shape: 'upload',
        input: options && property(options, 'params'),
        ...(tags !== undefined && { extra: { Tagging: tags } }),
      });
    }
  }

  for (const node of scopes.nodesOfType('CallExpression')) {
    const callee = child(node, 'callee');
    if (callee === undefined) continue;
    const args = children(node, 'arguments');
    const ref = resolveModuleRef(callee, scopes);
    const fn = ref?.path.length === 1 ? ref.path[0] : undefined;
    if (ref !== undefined && fn !== undefined) {
      const fromSdk = ref.source.startsWith(V3_CLIENT) || ref.source === LIB_DYNAMODB;
      const service = ref.source === LIB_DYNAMODB ? 'dynamodb' : ref.source.slice(V3_CLIENT.length);
      const document = ref.source === LIB_DYNAMODB;
      if (fromSdk && /^paginate[A-Z]/.test(fn)) {
        add(node, {
          sdk: 'v3',
          service,
          operation: fn.slice('paginate'.length),
          document,
          shape: 'paginator',
          input: args[1],
        });
      } else if (fromSdk && /^wait(Until|For)[A-Z]/.test(fn)) {
        add(node, {
          sdk: 'v3',
          service,
          operation: `waiter:${fn.replace(/^wait(Until|For)/, '')}`,
          document,
          shape: 'waiter',
          input: args[1],
        });
      } else if (ref.source === '@aws-sdk/s3-presigned-post' && fn === 'createPresignedPost') {
        add(node, {
          sdk: 'v3',
          service: 's3',
          operation: 'PutObject',
          document: false,
          shape: 'presigned',
          input: args[1],
        });
      }
      continue;
    }
    const member = unwrapExpression(callee);
    if (member.type !== 'MemberExpression') continue;
    const object = child(member, 'object');
    if (object === undefined || !mayHoldClient(object, module)) continue;
    const client = clientOf(object, module, project);
    if (client === undefined || !client.methods) continue;
    const method = memberPropertyName(member);
    if (method === undefined) {
      problem(node, 'unfollowable', `cannot tell which operation \`${snippet(module, callee)}(...)\` calls`);
      continue;
    }
    const base = {
      sdk: client.sdk,
      service: client.service,
      document: client.document,
      ...(client.region !== undefined && { region: client.region }),
    };
    if (client.sdk === 'v2' && (method === 'getSignedUrl' || method === 'getSignedUrlPromise')) {
      const op = args[0] && foldString(args[0], scopes)?.value;
      if (op === undefined)
        problem(node, 'unfollowable', `cannot tell which operation \`${snippet(module, node)}\` presigns`);
      else add(node, { ...base, operation: pascal(op), shape: 'presigned', input: args[1] });
    } else if (client.sdk === 'v2' && method === 'createPresignedPost') {
      add(node, { ...base, operation: 'PutObject', shape: 'presigned', input: args[0] });
    } else if (client.sdk === 'v2' && method === 'upload') {
      add(node, { ...base, operation: 'Upload', shape: 'upload', input: args[0] });
    } else if (client.sdk === 'v2' && method === 'waitFor') {
      const state = args[0] && foldString(args[0], scopes)?.value;
      if (state === undefined)
        problem(node, 'unfollowable', `cannot tell which waiter \`${snippet(module, node)}\` runs`);
      else add(node, { ...base, operation: `waiter:${pascal(state)}`, shape: 'waiter', input: args[1] });
    } else if (!NOT_OPERATIONS.has(method)) {
      add(node, { ...base, operation: pascal(method), shape: v2Shape(node, args, module), input: args[0] });
    }
  }
  return { calls, problems };
}

/** Cheap test before following an object: only names, fields and members can hold a client. */
function mayHoldClient(object: AstNode, module: ProjectModule): boolean {
  const expr = unwrapExpression(object);
  if (expr.type === 'Identifier') return module.scopes.bindingOf(expr) !== undefined;
  return expr.type === 'MemberExpression' || expr.type === 'NewExpression' || expr.type === 'CallExpression';
}

function v2Shape(call: AstNode, args: AstNode[], module: ProjectModule): CallShape {
  const last = args[args.length - 1];
  if (last !== undefined && FUNCTIONS.has(last.type)) return 'callback';
  const parent = module.scopes.parentOf(call);
  if (parent?.type === 'MemberExpression' && memberPropertyName(parent) === 'promise') return 'promise';
  return 'method';
}

/** `new X(...)` passed to the v3 presigner (`getSignedUrl(client, new GetObjectCommand(...))`). */
function isPresignerArgument(node: AstNode, module: ProjectModule): boolean {
  const parent = module.scopes.parentOf(node);
  if (parent?.type !== 'CallExpression') return false;
  const callee = child(parent, 'callee');
  const ref = callee && resolveModuleRef(callee, module.scopes);
  return ref?.source === '@aws-sdk/s3-request-presigner';
}

/** `sdk[name]` where `sdk` is an AWS SDK module. */
function sdkNamespace(member: AstNode, module: ProjectModule): boolean {
  const object = child(unwrapExpression(member), 'object');
  const ref = object && resolveModuleRef(object, module.scopes);
  return ref !== undefined && (ref.source.startsWith('@aws-sdk/') || ref.source.startsWith('aws-sdk'));
}

function property(object: AstNode, name: string): AstNode | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  const prop = children(object, 'properties')
    .filter((p) => p.type === 'Property' && propertyKeyName(p) === name)
    .pop();
  return prop && child(prop, 'value');
}

/** `client.send(new XCommand())`: the literal region of the client that sends the command, if any. */
function senderRegion(command: AstNode, module: ProjectModule, project: Project): { region?: string } {
  const call = module.scopes.parentOf(command);
  const callee = call?.type === 'CallExpression' ? child(call, 'callee') : undefined;
  if (callee?.type !== 'MemberExpression' || memberPropertyName(callee) !== 'send') return {};
  const object = child(callee, 'object');
  const region = object && clientOf(object, module, project)?.region;
  return region === undefined ? {} : { region };
}
