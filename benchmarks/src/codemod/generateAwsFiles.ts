import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeStaticKeys } from '@keyless/test-support';

type Keys = ReturnType<typeof fakeStaticKeys>;

// Shapes from shared/reference/key-detection.md section 4, each with its usual file type.
const SHAPES: ReadonlyArray<{ ext: string; body: (k: Keys, i: number) => string }> = [
  {
    ext: 'ts',
    body: (k, i) => `import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';

const client${i} = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: '${k.accessKeyId}', secretAccessKey: '${k.secretAccessKey}' },
});

export async function listBuckets${i}(): Promise<string[]> {
  const out = await client${i}.send(new ListBucketsCommand({}));
  return (out.Buckets ?? []).map((b) => b.Name ?? '');
}
`,
  },
  {
    ext: 'js',
    body: (k, i) => `const AWS = require('aws-sdk');

AWS.config.update({
  accessKeyId: '${k.accessKeyId}',
  secretAccessKey: '${k.secretAccessKey}',
  region: 'us-east-1',
});

const s3 = new AWS.S3();
exports.upload${i} = (Bucket, Key, Body) => s3.putObject({ Bucket, Key, Body }).promise();
`,
  },
  {
    ext: 'mjs',
    body: (k, i) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const db${i} = new DynamoDBClient({
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || '',
  },
});
// old key, do not use: ${k.accessKeyId}
`,
  },
  {
    ext: 'tsx',
    body: (k, i) => `import { useState } from 'react';
import { S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: '${k.accessKeyId}', secretAccessKey: '${k.secretAccessKey}' } });

export function Uploader${i}<T extends { name: string }>({ items }: { items: T[] }) {
  const [busy, setBusy] = useState(false);
  return <ul onClick={() => setBusy(!busy)}>{items.map((it) => <li key={it.name}>{it.name}</li>)}</ul>;
}
`,
  },
  {
    ext: 'cjs',
    body: (k, i) => `const AWS = require('aws-sdk');
AWS.config.credentials = new AWS.Credentials('${k.accessKeyId}', '${k.secretAccessKey}');
module.exports.queue${i} = new AWS.SQS({ apiVersion: '2012-11-05' });
`,
  },
  {
    ext: 'jsx',
    body: (_k, i) => `import { S3Client } from '@aws-sdk/client-s3';

const local${i} = new S3Client({
  endpoint: 'http://localhost:4566',
  forcePathStyle: true,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

export default function Gallery${i}() {
  return <section data-bucket="photos">{String(Boolean(local${i}))}</section>;
}
`,
  },
];

/**
 * Writes `count` AWS-heavy files (the hard-coded credential shapes users write, key-shaped values made
 * at run time) into `dir`, cycling through the shapes and file types. Returns their paths.
 */
export async function generateAwsFiles(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length] as (typeof SHAPES)[number];
    const file = join(dir, `service${i}.${shape.ext}`);
    await writeFile(file, shape.body(fakeStaticKeys(), i));
    files.push(file);
  }
  return files;
}
