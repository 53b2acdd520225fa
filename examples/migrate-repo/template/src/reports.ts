import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// Shape 8: re-passing the standard variables, which breaks role-based auth when they are unset.
export const reports = new DynamoDBClient({
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || '',
  },
});
