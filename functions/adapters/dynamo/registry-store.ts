import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IssuingRegistry, RegistryPublisher, RegistryVersion } from '../../core/registry/registry';
import { openJson, type Sealed, sealJson } from '../kms/envelope';
import { documentClient, tableName } from './client';

// REGISTRY#<citizenId> / DOC#<docId>: the issuing registry's current version of a document, as the
// issuer path published it. The whole document is personal data, so its fields are sealed (the same
// envelope encryption as the wallet); type, validity, issuer and publication time stay in clear.

const key = (citizenId: string, docId: string) => ({ pk: `REGISTRY#${citizenId}`, sk: `DOC#${docId}` });
const context = (citizenId: string) => ({ citizenId });

export const dynamoRegistry: IssuingRegistry & RegistryPublisher = {
  async publish(version) {
    const { data, type, ...clear } = version;
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key(version.citizenId, version.docId),
          type: 'registry-document',
          ...clear,
          documentType: type,
          sealedData: await sealJson(data, context(version.citizenId)),
        },
      }),
    );
  },

  async currentVersion(citizenId, docId) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key(citizenId, docId), ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item) return undefined;
    return {
      citizenId,
      docId,
      type: item.documentType as RegistryVersion['type'],
      data: await openJson<Record<string, unknown>>(item.sealedData as Sealed, context(citizenId)),
      ...(item.validUntil ? { validUntil: item.validUntil as string } : {}),
      issuedBy: item.issuedBy as string,
      publishedAt: item.publishedAt as string,
    };
  },
};
