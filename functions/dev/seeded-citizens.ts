import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../adapters/dynamo/client';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';

// Local only: who the dev identity provider may sign in. A scan is fine for a handful of demo
// citizens; no deployed stack has the routes that call this.
const LIMIT = 50;

export interface SeededCitizen {
  citizenId: string;
  fullName: string;
}

export async function seededCitizens(): Promise<SeededCitizen[]> {
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
  // Names are sealed in the table: the wallet store reads them with the table key.
  return Promise.all(
    ids
      .sort()
      .slice(0, LIMIT)
      .map(async (citizenId) => ({
        citizenId,
        fullName: (await dynamoWalletStore.getCitizen(citizenId))?.fullName ?? citizenId,
      })),
  );
}
