import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { readEnv } from '../../config/env';

// One client per container, created at cold start. The endpoint comes from AWS_ENDPOINT_URL when set
// (LocalStack, the embedded local AWS), which the SDK reads itself: no "am I local" branch here.

export const dynamoConfig = readEnv({ TABLE_NAME: z.string().min(1) });

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/**
 * For the per-request hot paths (minting and taking barcodes, a validation's reads): the plain
 * client with its middleware resolved once per command type. lib-dynamodb cannot do that
 * (`cacheMiddleware` is refused) and rebuilds the middleware chain on every call: ~0.35 ms of client
 * CPU per call against a canned server (docs/benchmarks.md, "Third pass"). Items go through
 * `toItem`/`fromItem`, the marshalling lib-dynamodb itself uses.
 */
export const itemClient = new DynamoDBClient({ cacheMiddleware: true });

export const toItem = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });
export const fromItem = unmarshall;

export const tableName = dynamoConfig.TABLE_NAME;
