import { describe, expect, it } from 'vitest';
import { parseS3Target } from './parseS3Target.js';

describe(parseS3Target.name, () => {
  it('decodes the bucket and the whole key, slashes included', () => {
    expect(parseS3Target('/s3/my-bucket/a%20b/c%2Bd.txt')).toEqual({
      bucket: 'my-bucket',
      key: 'a b/c+d.txt',
    });
    expect(parseS3Target('/s3/my-bucket/')).toEqual({ bucket: 'my-bucket', key: '' });
    expect(parseS3Target('/s3/my-bucket')).toEqual({ bucket: 'my-bucket', key: '' });
  });

  it('names what is wrong with a path it cannot use', () => {
    expect(parseS3Target('/s3')).toEqual({ error: 'NoBucket' });
    expect(parseS3Target('/s3/')).toEqual({ error: 'NoBucket' });
    expect(parseS3Target('/s3/my-bucket/%E0%A4%A')).toEqual({ error: 'InvalidURI' });
    expect(parseS3Target('/s3/My_Bucket/k')).toEqual({ error: 'InvalidBucketName' });
    expect(parseS3Target('/s3/ab/k')).toEqual({ error: 'InvalidBucketName' });
  });
});
