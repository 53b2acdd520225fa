import type { Platform } from './trustPolicy.js';

/** A file of the repository: its path and, for the small files detection reads, its text. */
export interface RepoFile {
  file: string;
  text: string;
}

/**
 * The platform a repository deploys to, from its deployment files: a Serverless, SAM or CDK Lambda
 * definition; Kubernetes manifests (IRSA when a service account names `eks.amazonaws.com/role-arn`,
 * else EKS Pod Identity); an ECS task definition. `undefined` when nothing says.
 */
export function detectPlatform(
  files: readonly RepoFile[],
): { platform: Platform; evidence: string } | undefined {
  const find = (test: (f: RepoFile) => boolean) => files.find(test);
  const lambda =
    find((f) => /(^|\/)serverless\.(ya?ml|json|ts)$/.test(f.file)) ??
    find(
      (f) => /\.(ya?ml|json)$/.test(f.file) && /AWS::Serverless::Function|AWS::Lambda::Function/.test(f.text),
    ) ??
    find(
      (f) =>
        /\.(ts|js)$/.test(f.file) &&
        /aws-cdk-lib\/aws-lambda|new\s+(lambda\.)?(Node)?Function\(/.test(f.text),
    );
  if (lambda !== undefined) return { platform: 'lambda', evidence: lambda.file };
  const irsa = find((f) => /\.ya?ml$/.test(f.file) && /eks\.amazonaws\.com\/role-arn/.test(f.text));
  if (irsa !== undefined) return { platform: 'irsa', evidence: irsa.file };
  const k8s = find(
    (f) =>
      /\.ya?ml$/.test(f.file) &&
      /^apiVersion:/m.test(f.text) &&
      /^kind:\s*(Deployment|StatefulSet|Pod|ServiceAccount)\b/m.test(f.text),
  );
  if (k8s !== undefined) return { platform: 'eks-pod-identity', evidence: k8s.file };
  const ecs =
    find((f) => /\.json$/.test(f.file) && /"containerDefinitions"/.test(f.text)) ??
    find((f) => /\.(ya?ml|json)$/.test(f.file) && /AWS::ECS::TaskDefinition/.test(f.text));
  if (ecs !== undefined) return { platform: 'ecs', evidence: ecs.file };
  return undefined;
}
