/** Where a service runs, which decides who may assume its role. */
export type Platform = 'ec2' | 'ecs' | 'lambda' | 'eks-pod-identity' | 'irsa';

export const PLATFORMS: readonly Platform[] = ['ec2', 'ecs', 'lambda', 'eks-pod-identity', 'irsa'];

/** IRSA's OIDC provider and service account; placeholders until given. */
export interface IrsaTrust {
  /** The cluster's OIDC issuer without `https://` (`oidc.eks.eu-west-1.amazonaws.com/id/ABC`). */
  issuer: string;
  namespace: string;
  serviceAccount: string;
  /** The partition of the OIDC provider's ARN (default `aws`; templates pass their own reference). */
  partition?: string;
}

/**
 * The trust policy of a role for a platform. Sources: IAM User Guide (EC2 instance profiles,
 * `ec2.amazonaws.com`), ECS Developer Guide "Task IAM role" (`ecs-tasks.amazonaws.com`), Lambda
 * execution role (`lambda.amazonaws.com`), EKS Pod Identity (`pods.eks.amazonaws.com` with
 * `sts:AssumeRole` and `sts:TagSession`), EKS IRSA (the cluster's OIDC provider,
 * `sts:AssumeRoleWithWebIdentity` for `system:serviceaccount:NS:SA`).
 */
export function trustPolicy(platform: Platform, account: string, irsa: IrsaTrust): Record<string, unknown> {
  const service = (principal: string, actions: string[] = ['sts:AssumeRole']) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: actions }],
  });
  switch (platform) {
    case 'ec2':
      return service('ec2.amazonaws.com');
    case 'ecs':
      return service('ecs-tasks.amazonaws.com');
    case 'lambda':
      return service('lambda.amazonaws.com');
    case 'eks-pod-identity':
      return service('pods.eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']);
    case 'irsa':
      return {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: `arn:${irsa.partition ?? 'aws'}:iam::${account}:oidc-provider/${irsa.issuer}`,
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${irsa.issuer}:sub`]: `system:serviceaccount:${irsa.namespace}:${irsa.serviceAccount}`,
                [`${irsa.issuer}:aud`]: 'sts.amazonaws.com',
              },
            },
          },
        ],
      };
  }
}
