import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../core/pagination';
import type { Branch, BranchStore, Offer } from '../../core/partners/partner';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';

// Branches and offers live in their partner's partition (PARTNER#<id>), so every read is scoped
// to the calling partner by construction: BRANCH#<branchId> and OFFER#<branchId>#<offerId>.

const pk = (partnerId: string) => `PARTNER#${partnerId}`;
const branchSk = (branchId: string) => `BRANCH#${branchId}`;
const offerSk = (branchId: string, offerId: string) => `OFFER#${branchId}#${offerId}`;

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as T;
}

async function queryPage<T>(partnerId: string, prefix: string, page: PageRequest): Promise<Page<T>> {
  const partition = pk(partnerId);
  const start = page.cursor
    ? decodeCursor(page.cursor, (p) => p.pk === partition && String(p.sk).startsWith(prefix))
    : undefined;
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
      Limit: page.limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => strip<T>(item)),
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
  };
}

export const dynamoBranchStore: BranchStore = {
  async putBranch(branch, mode) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: pk(branch.partnerId), sk: branchSk(branch.branchId), type: 'branch', ...branch },
        ConditionExpression: mode === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
      }),
    );
  },

  async getBranch(partnerId, branchId) {
    // Through the loader: a validation reads the branch beside the partner's guessing counters.
    const item = await itemLoader.load({ pk: pk(partnerId), sk: branchSk(branchId) });
    return item ? strip<Branch>(item) : undefined;
  },

  listBranches: (partnerId, page) => queryPage<Branch>(partnerId, 'BRANCH#', page),

  async deleteBranch(partnerId, branchId) {
    const offers = await dynamoBranchStore.allOffers(partnerId, branchId);
    const keys = [
      { pk: pk(partnerId), sk: branchSk(branchId) },
      ...offers.map((offer) => ({ pk: pk(partnerId), sk: offerSk(branchId, offer.offerId) })),
    ];
    for (let i = 0; i < keys.length; i += 25) {
      await documentClient.send(
        new BatchWriteCommand({
          RequestItems: { [tableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) },
        }),
      );
    }
  },

  async putOffer(offer) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: pk(offer.partnerId),
          sk: offerSk(offer.branchId, offer.offerId),
          type: 'offer',
          ...offer,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async getOffer(partnerId, branchId, offerId) {
    // Through the loader: a submission reads the offer beside its branch.
    const item = await itemLoader.load({ pk: pk(partnerId), sk: offerSk(branchId, offerId) });
    return item ? strip<Offer>(item) : undefined;
  },

  listOffers: (partnerId, branchId, page) => queryPage<Offer>(partnerId, `OFFER#${branchId}#`, page),

  async allOffers(partnerId, branchId) {
    const offers: Offer[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage<Offer>(partnerId, `OFFER#${branchId}#`, { limit: 100, cursor });
      offers.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return offers;
  },

  async deleteOffer(partnerId, branchId, offerId) {
    await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: pk(partnerId), sk: offerSk(branchId, offerId) } }),
    );
  },
};
