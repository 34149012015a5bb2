import { BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BusinessRegistry, RegistryCompany } from '../../core/organisations/business-registry';
import { documentClient, tableName } from './client';

// BIZREG#<taxId> / HEAD#<citizenId>: the registry's entries as this deployment knows them, one item
// per head, so that erasing a citizen removes their headships (gsi1 CITIZEN#<id>#HEADS lists them).
// The operator fills them (`registry.company.put`, e.g. from the ЄДР's open-data extracts); the local
// runtime seeds the demo companies. A live ЄДР API adapter would implement the same port.

const partition = (taxId: string) => `BIZREG#${taxId}`;
const heads = (citizenId: string) => `CITIZEN#${citizenId}#HEADS`;

export const dynamoBusinessRegistry: BusinessRegistry & {
  put(company: RegistryCompany): Promise<void>;
  /** Removes the citizen as head of every company (erasure); how many entries went. */
  forgetHead(citizenId: string, limit: number): Promise<number>;
} = {
  async lookup(taxId) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition(taxId) },
      }),
    );
    const items = out.Items ?? [];
    if (items.length === 0) return undefined;
    return {
      taxId,
      name: items[0]!.name as string,
      headCitizenIds: items.map((item) => item.citizenId as string),
    };
  },

  async put(company) {
    for (const citizenId of company.headCitizenIds) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: partition(company.taxId),
            sk: `HEAD#${citizenId}`,
            type: 'registry-head',
            taxId: company.taxId,
            name: company.name,
            citizenId,
            gsi1pk: heads(citizenId),
            gsi1sk: company.taxId,
          },
        }),
      );
    }
  },

  async forgetHead(citizenId, limit) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': heads(citizenId) },
        Limit: Math.min(limit, 25),
      }),
    );
    const items = out.Items ?? [];
    if (items.length === 0) return 0;
    await documentClient.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: items.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
        },
      }),
    );
    return items.length;
  },
};
