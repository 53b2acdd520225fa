/**
 * IAM service prefixes whose SDK name differs from the prefix once lower-cased and stripped of
 * dashes (v3 package `client-cloudwatch-logs`, v2 class `CloudWatchLogs`: both `logs`). Source: each
 * service's "Service prefix" in the Service Authorization Reference.
 */
const PREFIX_BY_SDK_NAME: Readonly<Record<string, string>> = {
  cloudwatchlogs: 'logs',
  eventbridge: 'events',
  cloudwatchevents: 'events',
  sfn: 'states',
  stepfunctions: 'states',
  cognitoidentityprovider: 'cognito-idp',
  cognitoidentityserviceprovider: 'cognito-idp',
  cognitoidentity: 'cognito-identity',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  applicationautoscaling: 'application-autoscaling',
  iotdataplane: 'iot',
  kinesisfirehose: 'firehose',
  sesv2: 'ses',
  opensearch: 'es',
  elasticsearchservice: 'es',
  apigatewaymanagementapi: 'execute-api',
  sagemakerruntime: 'sagemaker',
  bedrockruntime: 'bedrock',
  bedrockagentruntime: 'bedrock',
  personalizeruntime: 'personalize',
  marketplacemetering: 'aws-marketplace',
  lexruntimev2: 'lex',
  timestreamwrite: 'timestream',
  timestreamquery: 'timestream',
  s3control: 's3',
  configservice: 'config',
  directoryservice: 'ds',
  emrserverless: 'emr-serverless',
  emr: 'elasticmapreduce',
  iotsecuretunneling: 'iot',
  mediastoredata: 'mediastore',
  resourcegroupstaggingapi: 'tag',
  ssoadmin: 'sso',
  ssooidc: 'sso-oauth',
  acmpca: 'acm-pca',
  rdsdata: 'rds-data',
};

/** The IAM prefix for an SDK service name (`secrets-manager`, `SecretsManager` → `secretsmanager`). */
export function iamPrefix(sdkName: string): string {
  const normal = sdkName.toLowerCase().replace(/-/g, '');
  return PREFIX_BY_SDK_NAME[normal] ?? normal;
}
