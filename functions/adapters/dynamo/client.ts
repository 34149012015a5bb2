import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { readEnv } from '../../config/env';

// One client per container, created at cold start. The endpoint comes from AWS_ENDPOINT_URL when set
// (LocalStack, the embedded local AWS), which the SDK reads itself: no "am I local" branch here.

export const dynamoConfig = readEnv({ TABLE_NAME: z.string().min(1) });

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = dynamoConfig.TABLE_NAME;
