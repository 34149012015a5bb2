import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { splitPersonal } from '../../core/documents';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import type {
  DocumentReadOptions,
  WalletDocument,
  WalletDocumentSummary,
  WalletStore,
} from '../../core/wallet/wallet';
import { openJson, type Sealed, sealJson } from '../kms/envelope';
import { documentClient, fromItem, itemClient, tableName, toItem } from './client';
import { documentKey } from './document-key';
import { expiryIndexKeys } from './expiry-index';
import { itemLoader } from './item-loader';
import { setExpression } from './queries';

// CITIZEN#<id> / PROFILE and CITIZEN#<id> / DOC#<docId>. Personal fields (names, numbers, dates of
// birth, addresses) are stored only sealed with a per-record data key; what stays in clear is what
// lists and jobs need: type, validity, issuer, timestamps.

const pk = (citizenId: string) => `CITIZEN#${citizenId}`;
const context = (citizenId: string) => ({ citizenId });

export const dynamoWalletStore: WalletStore = {
  async putCitizen(citizen) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: pk(citizen.citizenId),
          sk: 'PROFILE',
          type: 'citizen',
          citizenId: citizen.citizenId,
          createdAt: citizen.createdAt,
          personal: await sealJson({ fullName: citizen.fullName }, context(citizen.citizenId)),
        },
      }),
    );
  },

  async getCitizen(citizenId) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: pk(citizenId), sk: 'PROFILE' } }),
    );
    if (!out.Item) return undefined;
    const personal = await openJson<{ fullName: string }>(out.Item.personal as Sealed, context(citizenId));
    return { citizenId, fullName: personal.fullName, createdAt: out.Item.createdAt as string };
  },

  async putDocument(document) {
    const { personal, nonPersonal } = splitPersonal(document.type, document.data);
    const fields = {
      type: 'document',
      docId: document.docId,
      citizenId: document.citizenId,
      documentType: document.type,
      validUntil: document.validUntil,
      issuedBy: document.issuedBy,
      updatedAt: document.updatedAt,
      fields: nonPersonal,
      personal: await sealJson(personal, context(document.citizenId)),
      // In the expiry index only when it has an end of validity: the refresh job's work list.
      ...(document.validUntil
        ? expiryIndexKeys('DOC', `${document.citizenId}#${document.docId}`, document.validUntil)
        : {}),
    };
    // An update, not a put: a new version of the document keeps the barcode the citizen is showing.
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const set = setExpression(fields, values, names);
    const remove = ['validUntil', 'gsi2pk', 'gsi2sk'].filter(
      (name) => (fields as Record<string, unknown>)[name] === undefined,
    );
    for (const name of remove) names[`#${name}`] = name;
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: documentKey(document.citizenId, document.docId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.map((n) => `#${n}`).join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  },

  // The two reads below serve every validation and share request: through the plain client (client.ts).
  async getDocument(citizenId, docId, options) {
    // Through the loader: the documents of one share, read in the same tick, are one BatchGetItem.
    const item = await itemLoader.load(documentKey(citizenId, docId));
    if (!item || !openedBy(item, options)) return undefined;
    const personal = await openJson<Record<string, unknown>>(item.personal as Sealed, context(citizenId));
    return { ...summaryOf(item), data: { ...(item.fields as Record<string, unknown>), ...personal } };
  },

  async getDocumentSummary(citizenId, docId, options) {
    const out = await itemClient.send(
      new GetItemCommand({
        TableName: tableName,
        Key: toItem(documentKey(citizenId, docId)),
        ProjectionExpression:
          'docId, citizenId, documentType, validUntil, issuedBy, updatedAt, currentBarcode',
      }),
    );
    const item = out.Item && fromItem(out.Item);
    return item && openedBy(item, options) ? summaryOf(item) : undefined;
  },

  async listDocumentsToOpen(citizenId, limit) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
        ExpressionAttributeValues: { ':pk': pk(citizenId), ':doc': 'DOC#' },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      ...summaryOf(item),
      open: async () => {
        const personal = await openJson<Record<string, unknown>>(item.personal as Sealed, context(citizenId));
        return { ...summaryOf(item), data: { ...(item.fields as Record<string, unknown>), ...personal } };
      },
    }));
  },

  async listDocuments(citizenId, page) {
    const partition = pk(citizenId);
    const start = page.cursor
      ? decodeCursor(page.cursor, (p) => p.pk === partition && String(p.sk).startsWith('DOC#'))
      : undefined;
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
        ExpressionAttributeValues: { ':pk': partition, ':doc': 'DOC#' },
        ProjectionExpression: 'pk, sk, docId, citizenId, documentType, validUntil, issuedBy, updatedAt',
        Limit: page.limit,
        ExclusiveStartKey: start,
      }),
    );
    return {
      items: (out.Items ?? []).map(summaryOf),
      nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  },
};

/** With `barcode`, only the document whose current code it is (see barcode-store.ts). */
const openedBy = (item: Record<string, unknown>, options?: DocumentReadOptions) =>
  options?.barcode === undefined || item.currentBarcode === options.barcode;

function summaryOf(item: Record<string, unknown>): WalletDocumentSummary {
  return {
    docId: item.docId as string,
    citizenId: item.citizenId as string,
    type: item.documentType as WalletDocument['type'],
    validUntil: item.validUntil as string | undefined,
    issuedBy: item.issuedBy as string,
    updatedAt: item.updatedAt as string,
  };
}
