/**
 * DynamoDB document-client operations and the low-level operations the SDK sends for them
 * (lib-dynamodb `PutCommand`, v2 `DocumentClient#put`). Source: the lib-dynamodb README and
 * aws-sdk v2 `lib/dynamodb/document_client.js`; a base-client middleware sees `PutItemCommand`.
 */
export const DOCUMENT_OPERATIONS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/**
 * The operation each SDK waiter polls (v3 `waitUntilX`, v2 `waitFor('x')`), by IAM prefix. Source:
 * the waiter definitions in each client's `waiters/` folder (the `operation` every acceptor calls).
 */
export const WAITER_OPERATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  s3: {
    BucketExists: 'HeadBucket',
    BucketNotExists: 'HeadBucket',
    ObjectExists: 'HeadObject',
    ObjectNotExists: 'HeadObject',
  },
  dynamodb: {
    BulkOperationCompleted: 'DescribeBulkOperation',
    TableExists: 'DescribeTable',
    TableNotExists: 'DescribeTable',
    ContributorInsightsEnabled: 'DescribeContributorInsights',
    ExportCompleted: 'DescribeExport',
    ImportCompleted: 'DescribeImport',
    KinesisStreamingDestinationActive: 'DescribeKinesisStreamingDestination',
  },
  lambda: {
    FunctionActive: 'GetFunctionConfiguration',
    FunctionActiveV2: 'GetFunction',
    FunctionExists: 'GetFunction',
    FunctionUpdated: 'GetFunctionConfiguration',
    FunctionUpdatedV2: 'GetFunction',
    PublishedVersionActive: 'GetFunctionConfiguration',
  },
  ssm: { CommandExecuted: 'GetCommandInvocation' },
  cloudwatch: {
    AlarmExists: 'DescribeAlarms',
    AlarmMuteRuleExists: 'GetAlarmMuteRule',
    CompositeAlarmExists: 'DescribeAlarms',
    LogAlarmExists: 'DescribeAlarms',
  },
  ecr: {
    ImageScanComplete: 'DescribeImageScanFindings',
    LifecyclePolicyPreviewComplete: 'GetLifecyclePolicyPreview',
  },
};
