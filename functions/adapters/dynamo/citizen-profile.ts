import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';

export async function citizenExists(citizenId: string): Promise<boolean> {
  const out = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `CITIZEN#${citizenId}`, sk: 'PROFILE' },
      ProjectionExpression: 'pk',
    }),
  );
  return out.Item !== undefined;
}
