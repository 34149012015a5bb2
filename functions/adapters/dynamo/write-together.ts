import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';

// Several stores' writes as one TransactWriteItems: one round trip where a step wrote three or four
// items one after the other (an attempt, the request's new state, its audit entry), and all or none.

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** True when all were written; false when a condition of one refused them all (nothing written). */
export async function writeTogether(items: TransactItem[]): Promise<boolean> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
    if (reasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}
