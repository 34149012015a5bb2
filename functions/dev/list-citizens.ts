import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../adapters/dynamo/client';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { http } from '../http/handler';
import { citizens } from './routes';

// Local only: who the dev identity provider may issue tokens for. A scan is fine for a handful of
// demo citizens; no deployed stack has this route.
const LIMIT = 50;

export const handler = http(citizens, async () => {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :profile AND #type = :citizen',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':profile': 'PROFILE', ':citizen': 'citizen' },
        ProjectionExpression: 'citizenId',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.citizenId));
    startKey = page.LastEvaluatedKey;
  } while (startKey && ids.length < LIMIT);
  const items = await Promise.all(
    ids
      .sort()
      .slice(0, LIMIT)
      .map(async (citizenId) => ({
        citizenId,
        fullName: (await dynamoWalletStore.getCitizen(citizenId))?.fullName ?? citizenId,
      })),
  );
  return { items };
});
