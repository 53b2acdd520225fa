import type { AstNode } from '../parse/AstNode.js';
import type { Binding } from '../scope/analyzeScopes.js';
import type { FoldHow } from '../scope/foldString.js';

/** The three credential fields both SDKs take. */
export type CredentialField = 'accessKeyId' | 'secretAccessKey' | 'sessionToken';

export const CREDENTIAL_FIELDS: readonly CredentialField[] = [
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
];

/** The environment variable each field is read from by both SDKs' default chains. */
export const STANDARD_ENV: Record<CredentialField, string> = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
};

/** A string written in this file (possibly through `const`s): a key when `real`, else a placeholder. */
interface LiteralSource {
  kind: 'literal';
  node: AstNode;
  value: string;
  how: FoldHow;
  real: boolean;
  bindings: Binding[];
  /** The class field it was read from (`this.keyId`), which `fix` cannot prove unused elsewhere. */
  classField?: string;
}

/** An environment variable; `public` ones are inlined into browser/mobile bundles at build time. */
interface EnvSource {
  kind: 'env';
  node: AstNode;
  name: string;
  standard: boolean;
  public: boolean;
  bindings: Binding[];
}

/** A config module, JSON file or config service; `remote` is a key found by following the import. */
interface ConfigSource {
  kind: 'config';
  node: AstNode;
  description: string;
  remote?: { file: string; value: string; real: boolean };
}

/** Anything computed at run time (parameters, STS results, function calls): not a static key. */
interface DynamicSource {
  kind: 'dynamic';
  node: AstNode;
}

export type ValueSource = LiteralSource | EnvSource | ConfigSource | DynamicSource;

/** One credential field as passed somewhere, with every value it may take. */
export interface CredentialValue {
  field: CredentialField;
  /** The value expression. */
  node: AstNode;
  sources: ValueSource[];
}

/** Whether a source is a static credential (as opposed to a placeholder or a run-time value). */
export function isStatic(source: ValueSource): boolean {
  switch (source.kind) {
    case 'literal':
      return source.real;
    case 'env':
      return true;
    case 'config':
      return source.remote === undefined || source.remote.real;
    default:
      return false;
  }
}
