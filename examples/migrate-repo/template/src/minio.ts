import { S3Client } from '@aws-sdk/client-s3';

// Shape 24: an S3-compatible store needs static keys; keyless reports it and leaves it alone.
export const minio = new S3Client({
  endpoint: 'http://minio.internal:9000',
  forcePathStyle: true,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.MINIO_ACCESS_KEY ?? '',
    secretAccessKey: process.env.MINIO_SECRET_KEY ?? '',
  },
});
