import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import DataLoader from 'dataloader';
import { fromItem, itemClient, tableName, toItem } from './client';

// The DataLoader pattern for independent reads of one request: single-item reads started in the
// same tick (the partner's guessing counters and its branch, say) go out as one strongly consistent
// BatchGetItem, one round trip instead of several. No cache: every load reads the table afresh.
// A validation's hot path: through the plain client (see client.ts).

export type ItemKey = { pk: string; sk: string };
type Item = Record<string, unknown>;

const idOf = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;
const MAX_ROUNDS = 6;

async function batchGet(keys: readonly ItemKey[]): Promise<(Item | undefined)[]> {
  const found = new Map<string, Item>();
  let pending = [...new Map(keys.map((key) => [idOf(key), toItem({ pk: key.pk, sk: key.sk })])).values()];
  for (let round = 1; pending.length > 0; round++) {
    const out = await itemClient.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const stored of out.Responses?.[tableName] ?? []) {
      const item = fromItem(stored);
      found.set(idOf(item as ItemKey), item);
    }
    pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    if (pending.length === 0) break;
    if (round === MAX_ROUNDS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** round)); // throttled: back off
  }
  return keys.map((key) => found.get(idOf(key)));
}

export const itemLoader = new DataLoader<ItemKey, Item | undefined, string>(batchGet, {
  cache: false,
  cacheKeyFn: idOf,
  maxBatchSize: 100,
});
