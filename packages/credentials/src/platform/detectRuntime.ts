import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { PlatformHint } from './detectPlatform.js';

/** The runtimes whose credentials keyless knows where to find (see the README's table). */
export type RuntimeName =
  | 'lambda'
  | 'ci'
  | 'ecs'
  | 'eks-pod-identity'
  | 'container-endpoint'
  | 'web-identity'
  | 'ec2'
  | 'workstation';

/** Where this process seems to run, and the variable or file that says so. */
export interface DetectedRuntime {
  readonly name: RuntimeName;
  readonly evidence: string;
}

// CI systems that say so in env; each sets the first variable to a non-empty value on every job.
const CI_VARIABLES = ['GITHUB_ACTIONS', 'GITLAB_CI', 'CODEBUILD_BUILD_ID', 'BUILDKITE', 'CIRCLECI', 'CI'];
const POD_IDENTITY_HOSTS = new Set(['169.254.170.23', '[fd00:ec2::23]']);

/**
 * The runtime, from the variables each platform sets (no network call), most specific first. Only
 * shown by `keyless doctor`: the chain itself decides by which sources are configured, not by this.
 */
export function detectRuntime(
  config: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>>,
  hint: PlatformHint,
): DetectedRuntime {
  if (config.lambdaFunctionName !== undefined)
    return { name: 'lambda', evidence: `AWS_LAMBDA_FUNCTION_NAME=${config.lambdaFunctionName}` };
  const ci = CI_VARIABLES.find((v) => (env[v] ?? '') !== '');
  if (ci !== undefined) return { name: 'ci', evidence: `${ci} is set` };
  const { relativeUri, fullUri } = config.container;
  if (relativeUri !== undefined)
    return { name: 'ecs', evidence: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set' };
  if (fullUri !== undefined) {
    const host = URL.canParse(fullUri) ? new URL(fullUri).hostname : '';
    return POD_IDENTITY_HOSTS.has(host)
      ? { name: 'eks-pod-identity', evidence: `AWS_CONTAINER_CREDENTIALS_FULL_URI points at ${host}` }
      : { name: 'container-endpoint', evidence: 'AWS_CONTAINER_CREDENTIALS_FULL_URI is set' };
  }
  if (config.values['webIdentity.tokenFile'].value !== undefined)
    return { name: 'web-identity', evidence: 'AWS_WEB_IDENTITY_TOKEN_FILE is set (EKS IRSA or OIDC)' };
  if (hint.kind === 'ec2') return { name: 'ec2', evidence: hint.evidence };
  return { name: 'workstation', evidence: `none of the above (${hint.evidence})` };
}
