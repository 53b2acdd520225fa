/**
 * The parameters that name what a call acts on, per service (lower-cased SDK name). Everything
 * else, bodies, items, keys of items, messages, attributes, is left out by construction: a
 * parameter is recorded only when it is listed here or, for other services, when its name says
 * it is a name, ARN or URL.
 */
const NAMES: Readonly<Record<string, readonly string[]>> = {
  s3: ['Bucket', 'Key', 'CopySource'],
  dynamodb: ['TableName', 'IndexName'],
  sqs: ['QueueUrl'],
  sns: ['TopicArn', 'TargetArn'],
  lambda: ['FunctionName', 'Qualifier'],
  secretsmanager: ['SecretId'],
  ssm: ['Name', 'Names', 'Path'],
  kms: ['KeyId'],
  cloudwatchlogs: ['logGroupName', 'logStreamName'],
  ecr: ['repositoryName', 'registryId'],
  eventbridge: ['EventBusName'],
  cloudwatchevents: ['EventBusName'],
  sts: ['RoleArn'],
  cloudwatch: [],
};
const NAME_LIKE = /^[A-Za-z]*(Arn|ARN|Name|Url|URL)$/;
const NOT_A_NAME = /Message|Body|Token|Secret|Password|Data|Content/i;
const TRANSACT = ['Put', 'Update', 'Delete', 'ConditionCheck', 'Get'];

/**
 * A PartiQL statement cut down to its verb and table (and index): `SELECT * FROM "orders"."byDay"`.
 * The WHERE clause and values can hold data, so they never reach the record.
 */
function partiqlHead(statement: unknown): string | undefined {
  if (typeof statement !== 'string') return undefined;
  const m =
    /^\s*(select\b[\s\S]*?\bfrom|insert\s+into|update|delete\s+from|exists\s*\(\s*select\b[\s\S]*?\bfrom)\s+("[^"]+"|[\w.-]+)(\s*\.\s*"[^"]+")?/i.exec(
      statement,
    );
  if (m === null) return undefined;
  const verb = (m[1] ?? '').trim().split(/\s+/)[0]?.toUpperCase();
  const target = `${m[2]}${(m[3] ?? '').replace(/\s/g, '')}`;
  if (verb === 'SELECT') return `SELECT * FROM ${target}`;
  if (verb === 'INSERT') return `INSERT INTO ${target} VALUE {}`;
  if (verb === 'UPDATE') return `UPDATE ${target} SET x = 1`;
  if (verb === 'DELETE') return `DELETE FROM ${target}`;
  return undefined;
}

const pick = (value: unknown, keys: readonly string[]) => {
  const out: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) out[k] = v;
  }
  return out;
};

/** The resource-naming parameters of one request. */
export function identifyingInput(service: string, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  const raw = input as Record<string, unknown>;
  const listed = NAMES[service];
  const out =
    listed === undefined
      ? pick(
          raw,
          Object.keys(raw).filter((k) => NAME_LIKE.test(k) && !NOT_A_NAME.test(k)),
        )
      : pick(raw, listed);
  if (service === 'dynamodb') {
    if (Array.isArray(raw.TransactItems))
      out.TransactItems = raw.TransactItems.map((item: Record<string, unknown>) => {
        const kept: Record<string, unknown> = {};
        for (const kind of TRANSACT)
          if (item?.[kind] !== undefined) kept[kind] = pick(item[kind], ['TableName']);
        return kept;
      });
    if (typeof raw.RequestItems === 'object' && raw.RequestItems !== null)
      out.RequestItems = Object.fromEntries(Object.keys(raw.RequestItems).map((table) => [table, []]));
    const head = partiqlHead(raw.Statement);
    if (head !== undefined) out.Statement = head;
    for (const list of ['Statements', 'TransactStatements'])
      if (Array.isArray(raw[list]))
        out[list] = (raw[list] as { Statement?: unknown }[]).map((s) => ({
          Statement: partiqlHead(s?.Statement) ?? '',
        }));
  }
  if ((service === 'eventbridge' || service === 'cloudwatchevents') && Array.isArray(raw.Entries))
    out.Entries = raw.Entries.map((e: unknown) => pick(e, ['EventBusName']));
  return out;
}
