import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { BarcodeRecord, BarcodeStore, TakenBarcode } from '../../core/barcodes';
import { fromItem, itemClient, tableName, toItem } from './client';
import { documentKey } from './document-key';
import { itemLoader } from './item-loader';
import { isConditionFailure } from './queries';

// BARCODE#<code> holds a code (TTL-cleaned via expiresAtEpoch; expiry is checked on read anyway).
// The document item CITIZEN#<id> / DOC#<docId> names its current code in `currentBarcode`: setting it
// is the mint's proof that the citizen holds the document, and only the code it names opens the
// document. Single use is a delete that returns the old item: only one caller can get it.
// Every call here is on a hot path, so through the plain `itemClient` (see client.ts).

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
      const out = await itemClient.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: toItem(documentKey(document.citizenId, document.docId)),
          // documentType is set to itself so that UPDATED_OLD returns it with the code replaced: the
          // record needs the type, and the document's personal fields need not travel.
          UpdateExpression: 'SET currentBarcode = :code, documentType = documentType',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: toItem({ ':code': code }),
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const old = fromItem(out.Attributes ?? {});
      return { documentType: old.documentType as string, replaced: old.currentBarcode as string | undefined };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  async putIfNoLiveCode(record, now) {
    try {
      await itemClient.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toItem({
            ...codeKey(record.code),
            type: 'barcode',
            ...record,
            expiresAtEpoch: Math.ceil(Date.parse(record.expiresAt) / 1000),
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: toItem({ ':now': now.toISOString() }),
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
      await itemClient.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: toItem(codeKey(code)),
          ConditionExpression: 'citizenId = :citizen AND docId = :doc',
          ExpressionAttributeValues: toItem({ ':citizen': document.citizenId, ':doc': document.docId }),
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
      const out = await itemClient.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: toItem(codeKey(code)),
          ReturnValues: 'ALL_OLD',
          ...(allowedTypes
            ? {
                ConditionExpression: `attribute_exists(pk) AND documentType IN (${values.map(([name]) => name).join(', ')})`,
                ExpressionAttributeValues: toItem(Object.fromEntries(values)),
              }
            : {}),
        }),
      );
      return out.Attributes
        ? { outcome: 'taken', record: toRecord(fromItem(out.Attributes)) }
        : { outcome: 'absent' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return refusedOrAbsent(code); // the rare path
    }
  },

  async peek(code) {
    // Through the loader: a submission reads the code beside its request, branch and offer.
    const item = await itemLoader.load(codeKey(code));
    return item ? toRecord(item) : undefined;
  },
};
