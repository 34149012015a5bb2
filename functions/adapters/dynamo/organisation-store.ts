import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { normaliseEmail } from '../../core/organisations/ids';
import type {
  EmailVerification,
  Organisation,
  OrganisationStore,
  OrgBranch,
  OrgService,
  QrCodeRecord,
} from '../../core/organisations/organisation';
import { documentClient, tableName } from './client';
import { isConditionFailure, queryIndexPage } from './queries';

// ORG#<orgId> holds the organisation (ORG), its branches (BRANCH#<id>), services (SERVICE#<id>) and
// which QR code each (branch, service) has (QRFOR#<branchId>#<serviceId>). gsi1 lists an owner's
// organisations (CITIZEN#<id>#ORG) and finds branches by address for bounces (ORGMAIL#<sha256>, no
// address in a key). QR#<qrCode> resolves a scanned poster in one read; EMAILVERIFY#<sha256(token)>
// is a verification link, kept a week past its expiry so a late click answers 410, not 404.

const pk = (orgId: string) => `ORG#${orgId}`;
// TAXID#<taxId> / ORG: which live organisation has a tax id; written in the same transaction as the
// organisation, so two registrations of one tax id cannot both succeed.
const taxIdKey = (taxId: string) => ({ pk: `TAXID#${taxId}`, sk: 'ORG' });
const isCancelled = (error: unknown) => (error as Error).name === 'TransactionCanceledException';
const qrKey = (qrCode: string) => ({ pk: `QR#${qrCode}`, sk: 'QR' });
const verificationKey = (tokenHash: string) => ({ pk: `EMAILVERIFY#${tokenHash}`, sk: 'EMAILVERIFY' });
const mailIndex = (email: string) =>
  `ORGMAIL#${createHash('sha256').update(normaliseEmail(email)).digest('hex')}`;

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, expiresAtEpoch: _e, ...rest } = item;
  return rest as T;
}

const organisationItem = (organisation: Organisation) => ({
  pk: pk(organisation.orgId),
  sk: 'ORG',
  type: 'organisation',
  ...organisation,
  gsi1pk: `CITIZEN#${organisation.ownerId}#ORG`,
  gsi1sk: `${organisation.createdAt}#${organisation.orgId}`,
});
const branchItem = (branch: OrgBranch) => ({
  pk: pk(branch.orgId),
  sk: `BRANCH#${branch.branchId}`,
  type: 'org-branch',
  ...branch,
  gsi1pk: mailIndex(branch.email),
  gsi1sk: `${branch.orgId}#${branch.branchId}`,
});
const serviceItem = (service: OrgService) => ({
  pk: pk(service.orgId),
  sk: `SERVICE#${service.serviceId}`,
  type: 'org-service',
  ...service,
});

async function partition(orgId: string, prefix: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(orgId), ':prefix': prefix },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function deleteKeys(keys: Array<{ pk: string; sk: string }>) {
  for (let i = 0; i < keys.length; i += 25) {
    await documentClient.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) },
      }),
    );
  }
}

/** The QRFOR# items matching `keep`, with their QR# items: deleting a branch or service ends its posters. */
async function qrKeys(orgId: string, keep: (sk: string) => boolean) {
  const links = (await partition(orgId, 'QRFOR#')).filter((item) => keep(String(item.sk)));
  return links.flatMap((item) => [{ pk: pk(orgId), sk: String(item.sk) }, qrKey(String(item.qrCode))]);
}

async function put(item: Record<string, unknown>, mode: 'create' | 'replace') {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: item,
      ConditionExpression: mode === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
    }),
  );
}

async function getItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const out = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item ? strip<T>(out.Item) : undefined;
}

export const dynamoOrganisationStore: OrganisationStore = {
  async create(organisation, branches, services) {
    const items = [
      organisationItem(organisation),
      ...branches.map(branchItem),
      ...services.map(serviceItem),
      { ...taxIdKey(organisation.taxId), type: 'org-tax-id', orgId: organisation.orgId },
    ];
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: items.map((Item) => ({
            Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        }),
      );
      return 'created';
    } catch (error) {
      // Fresh ids never collide: a cancelled transaction is the tax id's marker.
      if (isCancelled(error)) return 'tax-id-taken';
      throw error;
    }
  },

  get: (orgId) => getItem<Organisation>({ pk: pk(orgId), sk: 'ORG' }),

  async listByOwner(ownerId, page) {
    const found = await queryIndexPage({ partition: `CITIZEN#${ownerId}#ORG`, page, newestFirst: false });
    return { items: found.items.map((item) => strip<Organisation>(item)), nextCursor: found.nextCursor };
  },

  async update(orgId, previousTaxId, fields) {
    const org = {
      Update: {
        TableName: tableName,
        Key: { pk: pk(orgId), sk: 'ORG' },
        UpdateExpression: 'SET #name = :name, taxId = :taxId, #status = :status, updatedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
        ExpressionAttributeValues: {
          ':name': fields.name,
          ':taxId': fields.taxId,
          ':status': fields.status,
          ':at': fields.updatedAt,
        },
      },
    };
    const moves =
      fields.taxId === previousTaxId
        ? []
        : [
            {
              Put: {
                TableName: tableName,
                Item: { ...taxIdKey(fields.taxId), type: 'org-tax-id', orgId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Delete: { TableName: tableName, Key: taxIdKey(previousTaxId) } },
          ];
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [org, ...moves] }));
      return 'updated';
    } catch (error) {
      if (isCancelled(error) && moves.length > 0) return 'tax-id-taken';
      throw error;
    }
  },

  async setStatus(orgId, status, at) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(orgId), sk: 'ORG' },
          UpdateExpression: 'SET #status = :status, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async delete(orgId) {
    const items = await partition(orgId, '');
    const codes = items
      .filter((item) => String(item.sk).startsWith('QRFOR#'))
      .map((item) => qrKey(String(item.qrCode)));
    const taxId = items.find((item) => item.sk === 'ORG')?.taxId;
    const marker = typeof taxId === 'string' ? [taxIdKey(taxId)] : [];
    await deleteKeys([
      ...codes,
      ...marker,
      ...items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })),
    ]);
  },

  async addNotice(orgId, notice) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: pk(orgId), sk: 'ORG' },
        UpdateExpression: 'SET notices = list_append(if_not_exists(notices, :none), :notice)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':none': [], ':notice': [notice] },
      }),
    );
  },

  async branches(orgId) {
    return (await partition(orgId, 'BRANCH#')).map((item) => strip<OrgBranch>(item));
  },

  getBranch: (orgId, branchId) => getItem<OrgBranch>({ pk: pk(orgId), sk: `BRANCH#${branchId}` }),

  putBranch: (branch, mode) => put(branchItem(branch), mode),

  async deleteBranch(orgId, branchId) {
    const codes = await qrKeys(orgId, (sk) => sk.startsWith(`QRFOR#${branchId}#`));
    await deleteKeys([{ pk: pk(orgId), sk: `BRANCH#${branchId}` }, ...codes]);
  },

  async markEmailVerified(orgId, branchId, email, at) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(orgId), sk: `BRANCH#${branchId}` },
          UpdateExpression: 'SET emailStatus = :verified, emailVerifiedAt = :at, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND email = :email',
          ExpressionAttributeValues: { ':verified': 'verified', ':at': at, ':email': email },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async branchesWithEmail(email) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': mailIndex(email) },
      }),
    );
    return (out.Items ?? []).map((item) => strip<OrgBranch>(item));
  },

  async setEmailStatus(orgId, branchId, status, at) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: pk(orgId), sk: `BRANCH#${branchId}` },
        UpdateExpression: 'SET emailStatus = :status, updatedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':status': status, ':at': at },
      }),
    );
  },

  async services(orgId) {
    return (await partition(orgId, 'SERVICE#')).map((item) => strip<OrgService>(item));
  },

  getService: (orgId, serviceId) => getItem<OrgService>({ pk: pk(orgId), sk: `SERVICE#${serviceId}` }),

  putService: (service, mode) => put(serviceItem(service), mode),

  async deleteService(orgId, serviceId) {
    const codes = await qrKeys(orgId, (sk) => sk.endsWith(`#${serviceId}`));
    await deleteKeys([{ pk: pk(orgId), sk: `SERVICE#${serviceId}` }, ...codes]);
  },

  async qrCodeFor(candidate) {
    const link = { pk: pk(candidate.orgId), sk: `QRFOR#${candidate.branchId}#${candidate.serviceId}` };
    const existing = await getItem<{ qrCode: string }>(link);
    if (existing) return (await dynamoOrganisationStore.findQrCode(existing.qrCode)) ?? candidate;
    try {
      // Both or neither: a code nobody can find again, or a link to a missing code, would be litter.
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...link, type: 'org-qr-link', qrCode: candidate.qrCode },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: { ...qrKey(candidate.qrCode), type: 'org-qr', ...candidate },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return candidate;
    } catch (error) {
      if (!(error as { CancellationReasons?: unknown }).CancellationReasons) throw error;
      // A concurrent poster download stored its code first: use that one.
      const raced = await getItem<{ qrCode: string }>(link);
      const record = raced && (await dynamoOrganisationStore.findQrCode(raced.qrCode));
      if (!record) throw error;
      return record;
    }
  },

  findQrCode: (qrCode) => getItem<QrCodeRecord>(qrKey(qrCode)),

  async putEmailVerification(tokenHash, verification) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...verificationKey(tokenHash),
          type: 'email-verification',
          ...verification,
          expiresAtEpoch: Math.floor(Date.parse(verification.expiresAt) / 1000) + 7 * 86400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async useEmailVerification(tokenHash, now) {
    try {
      const out = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: verificationKey(tokenHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'used', verification: strip<EmailVerification>(out.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const found = await getItem<EmailVerification>(verificationKey(tokenHash));
      if (!found) return undefined;
      return { outcome: found.usedAt ? 'already_used' : 'expired', verification: found };
    }
  },
};
