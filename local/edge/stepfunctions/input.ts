// Reading Step Functions request members; anything malformed is a ValidationException as on AWS.
import { AwsServiceError } from '../aws-json-service';

export type Input = Record<string, unknown>;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  return value;
}

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '')
    throw invalid(`Value null at '${name}' failed to satisfy constraint`);
  return value;
}

export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${name} must be a boolean`);
  return value;
}

export function optionalEnum<T extends string>(
  input: Input,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(input, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Pages through a list the way AWS list operations do: an opaque `nextToken` and `maxResults`. */
export function paginate<T>(items: T[], input: Input, defaultMax = 100): { page: T[]; nextToken?: string } {
  const maxResults = optionalInteger(input, 'maxResults', 0, 1000) || defaultMax;
  const token = optionalString(input, 'nextToken');
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidToken', 'Invalid nextToken');
  }
  const page = items.slice(start, start + maxResults);
  const next = start + maxResults;
  return next < items.length
    ? { page, nextToken: Buffer.from(String(next)).toString('base64url') }
    : { page };
}
