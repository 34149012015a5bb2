import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retentionConfig, ttlAfter } from '../../config/retention';
import type { CopyRecord, CopyStatus, CopyStore } from '../../core/copies/copy-record';
import { documentClient, tableName } from './client';
import { expiryIndexKeys } from './expiry-index';
import { itemLoader } from './item-loader';
import { isConditionFailure, queryIndexPage } from './queries';

// COPY#<copyId> / COPY: one item per signed copy, with no personal data. The GSI entry
// gsi1pk CITIZEN#<citizenId>#COPIES / gsi1sk <generatedAt> lists a citizen's copies (history, erasure).
// Records outlive their copies (TTL; infra/config/retention.ts) so that verifiers learn "expired"
// rather than 404. A valid copy is in the expiry index (gsi2) until the expire-copies job marks it.

const key = (copyId: string) => ({ pk: `COPY#${copyId}`, sk: 'COPY' });
const citizenCopies = (citizenId: string) => `CITIZEN#${citizenId}#COPIES`;
const RECORD_FIELDS = [
  'copyId',
  'status',
  'documentType',
  'issuedTo',
  'purpose',
  'generatedAt',
  'expiresAt',
  'pdfKey',
  'pdfSha256',
  'metadataSha256',
  'requestId',
  'citizenId',
  'docId',
  'fields',
] as const satisfies ReadonlyArray<keyof CopyRecord>;

/** The conditional put of a new copy record (one per id), for createCopy or a caller's transaction. */
export function copyPut(record: CopyRecord) {
  return {
    TableName: tableName,
    Item: {
      ...key(record.copyId),
      type: 'copy',
      ...record,
      gsi1pk: citizenCopies(record.citizenId),
      gsi1sk: record.generatedAt,
      ...(record.status === 'valid' ? expiryIndexKeys('COPY', record.copyId, record.expiresAt) : {}),
      expiresAtEpoch: ttlAfter(record.expiresAt, retentionConfig().RETENTION_COPY_RECORD_DAYS),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

export const dynamoCopyStore: CopyStore = {
  async createCopy(record) {
    try {
      await documentClient.send(new PutCommand(copyPut(record)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async getCopy(copyId) {
    // Through the loader: the copies of one share, checked in the same tick, are one BatchGetItem.
    const item = await itemLoader.load(key(copyId));
    return item ? recordOf(item) : undefined;
  },

  markCopyStatus(copyId, status) {
    return markCopyStatus(copyId, status);
  },

  async listCitizenCopies(citizenId, page) {
    const found = await queryIndexPage({ partition: citizenCopies(citizenId), page });
    return { items: found.items.map(recordOf), nextCursor: found.nextCursor };
  },
};

/** Revokes or expires a copy (see CopyStore.markCopyStatus). */
export async function markCopyStatus(copyId: string, status: Exclude<CopyStatus, 'valid'>): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(copyId),
        UpdateExpression: 'SET #status = :status',
        ConditionExpression:
          status === 'expired' ? 'attribute_exists(pk) AND #status <> :revoked' : 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ...(status === 'expired' ? { ':revoked': 'revoked' } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

function recordOf(item: Record<string, unknown>): CopyRecord {
  return Object.fromEntries(
    RECORD_FIELDS.filter((field) => item[field] !== undefined).map((field) => [field, item[field]]),
  ) as unknown as CopyRecord;
}
