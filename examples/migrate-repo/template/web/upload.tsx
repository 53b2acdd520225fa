import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

// Shape 18: keys baked into a browser bundle are public; keyless reports them and never rewrites.
const client = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: import.meta.env.VITE_AWS_ACCESS_KEY_ID,
    secretAccessKey: import.meta.env.VITE_AWS_SECRET_ACCESS_KEY,
  },
});

export function UploadButton({ file }: { file: File }) {
  return <button onClick={() => client.send(new PutObjectCommand({ Bucket: 'uploads', Key: file.name, Body: file }))}>Upload</button>;
}
