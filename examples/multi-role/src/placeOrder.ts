import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Downstream } from './createDownstreams.js';

/** An order as the app receives it. */
export interface Order {
  id: string;
  customer: string;
  totalCents: number;
}

/** The two downstreams an order touches, each under its own role. */
export interface OrderDownstreams {
  /** The billing account's bucket: one invoice per order. */
  invoices: Downstream;
  /** The security account's bucket: one audit event per order. */
  audit: Downstream;
}

/**
 * Records an order: its invoice goes to the billing account and an audit event to the security
 * account. Each write is signed with the credentials of the role that owns that account's bucket,
 * so neither role needs access to the other's data.
 */
export async function placeOrder(
  order: Order,
  downstreams: OrderDownstreams,
  clock: { now(): number } = Date,
): Promise<{ invoiceKey: string; auditKey: string }> {
  if (!/^[\w-]{1,64}$/.test(order.id)) throw new TypeError('order.id must be 1-64 of A-Z a-z 0-9 _ -');
  if (!Number.isSafeInteger(order.totalCents) || order.totalCents < 0) {
    throw new TypeError('order.totalCents must be a non-negative integer');
  }
  const at = new Date(clock.now()).toISOString();
  const invoiceKey = `invoices/${order.id}.json`;
  const auditKey = `orders/${at.slice(0, 10)}/${order.id}.json`;
  await Promise.all([
    downstreams.invoices.s3.send(
      new PutObjectCommand({
        Bucket: downstreams.invoices.bucket,
        Key: invoiceKey,
        Body: JSON.stringify({ order: order.id, customer: order.customer, totalCents: order.totalCents, at }),
        ContentType: 'application/json',
      }),
    ),
    downstreams.audit.s3.send(
      new PutObjectCommand({
        Bucket: downstreams.audit.bucket,
        Key: auditKey,
        Body: JSON.stringify({ event: 'order-placed', order: order.id, at }),
        ContentType: 'application/json',
      }),
    ),
  ]);
  return { invoiceKey, auditKey };
}
