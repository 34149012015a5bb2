import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BarcodeRecord, BarcodeStore } from '../../core/barcodes';
import { documentClient, tableName } from './client';

// BARCODE#<code> holds a live code (TTL-cleaned via expiresAtEpoch; expiry is checked on read
// anyway); CITIZEN#<id> / BARCODEOF#<docId> remembers a document's current code so a new code
// replaces it. Single use is a delete that returns the old item: only one caller can get it.

const codeKey = (code: string) => ({ pk: `BARCODE#${code}`, sk: 'BARCODE' });

function toRecord(item: Record<string, unknown>): BarcodeRecord {
  return {
    code: item.code as string,
    citizenId: item.citizenId as string,
    docId: item.docId as string,
    issuedAt: item.issuedAt as string,
    expiresAt: item.expiresAt as string,
  };
}

export const dynamoBarcodeStore: BarcodeStore & { peek(code: string): Promise<BarcodeRecord | undefined> } = {
  async putIfNoLiveCode(record, now) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...codeKey(record.code),
            type: 'barcode',
            ...record,
            expiresAtEpoch: Math.ceil(Date.parse(record.expiresAt) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  async swapDocumentCode(document, code) {
    const out = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `CITIZEN#${document.citizenId}`, sk: `BARCODEOF#${document.docId}` },
        UpdateExpression: 'SET code = :code',
        ExpressionAttributeValues: { ':code': code },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    return out.Attributes?.code as string | undefined;
  },

  async deleteCodeOf(document, code) {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: codeKey(code),
          ConditionExpression: 'citizenId = :citizen AND docId = :doc',
          ExpressionAttributeValues: { ':citizen': document.citizenId, ':doc': document.docId },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  },

  async take(code) {
    const out = await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: codeKey(code), ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes ? toRecord(out.Attributes) : undefined;
  },

  async peek(code) {
    const out = await documentClient.send(new GetCommand({ TableName: tableName, Key: codeKey(code) }));
    return out.Item ? toRecord(out.Item) : undefined;
  },
};
