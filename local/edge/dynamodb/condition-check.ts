// Evaluates a DynamoDB ConditionExpression against an item with dynalite's own parser and evaluator,
// so transactions judge conditions exactly as dynalite's single-item writes do.
import { createRequire } from 'node:module';
import { DynamoError, type Item } from './dynalite-client';

const require = createRequire(import.meta.url);

interface ParsedRequest {
  _condition?: unknown;
  [key: string]: unknown;
}

const validations = require('dynalite/validations') as {
  validateExpressionParams(
    data: ParsedRequest,
    expressions: string[],
    nonExpressions: string[],
  ): string | undefined;
  validateExpressions(data: ParsedRequest): string | undefined;
};
const db = require('dynalite/db') as {
  checkConditional(data: ParsedRequest, existingItem: Item | undefined): Error | null | undefined;
};

export interface ConditionalRequest {
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

/**
 * Parses the request's expressions (all of them, so that names and values shared between the update
 * and the condition are not reported unused); throws a ValidationException as DynamoDB would.
 */
export function parseConditional(request: ConditionalRequest): ParsedRequest {
  const data: ParsedRequest = {
    ConditionExpression: request.ConditionExpression,
    UpdateExpression: request.UpdateExpression,
    ExpressionAttributeNames: request.ExpressionAttributeNames,
    ExpressionAttributeValues: request.ExpressionAttributeValues,
  };
  const message =
    validations.validateExpressionParams(data, ['ConditionExpression', 'UpdateExpression'], []) ??
    validations.validateExpressions(data);
  if (message) throw new DynamoError('ValidationException', message, 400);
  return data;
}

/** True when the item (undefined: absent) satisfies the parsed request's condition, or it has none. */
export function conditionHolds(parsed: ParsedRequest, item: Item | undefined): boolean {
  return !db.checkConditional(parsed, item);
}
