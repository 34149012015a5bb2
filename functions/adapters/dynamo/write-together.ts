import { type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { itemClient, toItem } from './client';

// Several stores' writes as one TransactWriteItems: one round trip where a step wrote three or four
// items one after the other (an attempt, the request's new state, its audit entry), and all or none.
// Every share writes through here three times: on the plain client (see client.ts), its items
// marshalled here as lib-dynamodb would.

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type Values = Record<string, unknown> | undefined;
/** The expression values of an operation, marshalled (absent stays absent). */
const values = ({ ExpressionAttributeValues: given }: { ExpressionAttributeValues?: Values }) => ({
  ExpressionAttributeValues: given ? toItem(given) : undefined,
});

function toWriteItem({ Put, Update, Delete, ConditionCheck: Check }: TransactItem): TransactWriteItem {
  if (Put) return { Put: { ...Put, Item: toItem(Put.Item ?? {}), ...values(Put) } };
  if (Update) return { Update: { ...Update, Key: toItem(Update.Key ?? {}), ...values(Update) } };
  if (Delete) return { Delete: { ...Delete, Key: toItem(Delete.Key ?? {}), ...values(Delete) } };
  if (Check) return { ConditionCheck: { ...Check, Key: toItem(Check.Key ?? {}), ...values(Check) } };
  throw new Error('A transact item needs one of Put, Update, Delete or ConditionCheck');
}

/** True when all were written; false when a condition of one refused them all (nothing written). */
export async function writeTogether(items: TransactItem[]): Promise<boolean> {
  try {
    await itemClient.send(new TransactWriteItemsCommand({ TransactItems: items.map(toWriteItem) }));
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
    if (reasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}
