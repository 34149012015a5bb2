import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BarcodeRecord, BarcodeStore, TakenBarcode } from '../../core/barcodes';
import { documentClient, tableName } from './client';
import { documentKey } from './document-key';
import { isConditionFailure } from './queries';

// BARCODE#<code> holds a code (TTL-cleaned via expiresAtEpoch; expiry is checked on read anyway).
// The document item CITIZEN#<id> / DOC#<docId> names its current code in `currentBarcode`: setting it
// is the mint's proof that the citizen holds the document, and only the code it names opens the
// document. Single use is a delete that returns the old item: only one caller can get it.

const codeKey = (code: string) => ({ pk: `BARCODE#${code}`, sk: 'BARCODE' });

function toRecord(item: Record<string, unknown>): BarcodeRecord {
  return {
    code: item.code as string,
    citizenId: item.citizenId as string,
    docId: item.docId as string,
    documentType: item.documentType as string,
    issuedAt: item.issuedAt as string,
    expiresAt: item.expiresAt as string,
  };
}

/** After a refused take: a stored code is refused (left usable), a missing one absent. */
async function refusedOrAbsent(code: string): Promise<TakenBarcode> {
  const record = await dynamoBarcodeStore.peek(code);
  return record ? { outcome: 'refused', record } : { outcome: 'absent' };
}

export const dynamoBarcodeStore: BarcodeStore & { peek(code: string): Promise<BarcodeRecord | undefined> } = {
  async makeCurrent(document, code) {
    try {
      const out = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: documentKey(document.citizenId, document.docId),
          // documentType is set to itself so that UPDATED_OLD returns it with the code replaced: the
          // record needs the type, and the document's personal fields need not travel.
          UpdateExpression: 'SET currentBarcode = :code, documentType = documentType',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':code': code },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const old = out.Attributes ?? {};
      return { documentType: old.documentType as string, replaced: old.currentBarcode as string | undefined };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

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
      if (isConditionFailure(error)) return false;
      throw error;
    }
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
      if (!isConditionFailure(error)) throw error;
    }
  },

  async take(code, allowedTypes) {
    // No type allowed: nothing is taken; a read tells a refused code from an absent one.
    if (allowedTypes?.length === 0) return refusedOrAbsent(code);
    const values = (allowedTypes ?? []).map((type, i) => [`:t${i}`, type] as const);
    try {
      const out = await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: codeKey(code),
          ReturnValues: 'ALL_OLD',
          ...(allowedTypes
            ? {
                ConditionExpression: `attribute_exists(pk) AND documentType IN (${values.map(([name]) => name).join(', ')})`,
                ExpressionAttributeValues: Object.fromEntries(values),
              }
            : {}),
        }),
      );
      return out.Attributes ? { outcome: 'taken', record: toRecord(out.Attributes) } : { outcome: 'absent' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return refusedOrAbsent(code); // the rare path
    }
  },

  async peek(code) {
    const out = await documentClient.send(new GetCommand({ TableName: tableName, Key: codeKey(code) }));
    return out.Item ? toRecord(out.Item) : undefined;
  },
};
