import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

// Shape 7: a v3 client with keys pasted in "just for now".
const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: '{{AKID:1}}',
    secretAccessKey: '{{SECRET:1}}',
  },
});

export async function readInvoice(key: string) {
  return s3.send(new GetObjectCommand({ Bucket: 'invoices', Key: key }));
}
