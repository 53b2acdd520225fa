import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, s3, secrets, sqs } from './clients.js';

const TABLE = process.env.ORDERS_TABLE ?? 'orders';

export interface Order {
  id: string;
  customerId: string;
  total: number;
}

/** Stores an order, files its receipt and queues it for fulfilment. */
export async function placeOrder(order: Order): Promise<void> {
  await db.send(
    new PutCommand({ TableName: TABLE, Item: order, ConditionExpression: 'attribute_not_exists(id)' }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: 'acme-receipts',
      Key: `receipts/${order.id}.json`,
      Body: JSON.stringify(order),
    }),
  );
  await sqs.send(
    new SendMessageCommand({ QueueUrl: process.env.FULFILMENT_QUEUE_URL, MessageBody: order.id }),
  );
}

export async function getOrder(id: string): Promise<Order | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  return Item as Order | undefined;
}

export async function ordersOf(customerId: string): Promise<Order[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
    }),
  );
  return (Items ?? []) as Order[];
}

/** The payment provider's API key, read once at start. */
export async function paymentKey(): Promise<string> {
  const { SecretString } = await secrets.send(
    new GetSecretValueCommand({ SecretId: 'orders/payment-api-key' }),
  );
  return SecretString ?? '';
}
