import type { AstNode, LineIndex, ScopeInfo } from '@keyless/codemod/analysis';
import type { ProjectModule } from './Project.js';

/** How the code reaches the operation. */
export type CallShape =
  | 'command'
  | 'method'
  | 'paginator'
  | 'waiter'
  | 'presigned'
  | 'upload'
  | 'callback'
  | 'promise';

/** The module a call was found in: what reading its arguments needs. */
export interface ModuleContext {
  file: string;
  text: string;
  scopes: ScopeInfo;
  lines: LineIndex;
}

/** One AWS SDK call found in the code. */
export interface SdkCall {
  file: string;
  line: number;
  column: number;
  sdk: 'v2' | 'v3';
  /** The SDK's name for the service: `s3`, `secrets-manager` (v3 package), `SecretsManager` (v2 class). */
  service: string;
  /** The operation (`PutObject`); `Upload` for lib-storage / v2 `s3.upload()`. */
  operation: string;
  /** A DynamoDB document-client call (`PutCommand`, `docClient.put`), which the SDK sends as `PutItem`. */
  document: boolean;
  shape: CallShape;
  /** The request parameters expression, when the call has one. */
  input: AstNode | undefined;
  /** The client's literal region, when the code writes one: it fills `${Region}` in the ARNs. */
  region?: string;
  /** `Qualifier`-like request facts that are not in `input` (lib-storage `tags`). */
  extra?: Record<string, AstNode>;
  module: ProjectModule;
}

/** Something the analysis could not follow: reported, never skipped silently. */
export interface AnalysisProblem {
  file: string;
  line: number;
  column: number;
  kind: 'parse' | 'io' | 'unfollowable' | 'unknown-service' | 'unknown-operation';
  message: string;
}
