// Reading Step Functions request members; anything malformed is a ValidationException as on AWS.
import { AwsServiceError } from '../aws-json-service';
import {
  type Input,
  invalid,
  optionalInteger,
  optionalString,
  requiredString as requiredMember,
} from '../input-members';

export { type Input, optionalInteger, optionalString } from '../input-members';

export function requiredString(input: Input, name: string): string {
  return requiredMember(input, name, (n) => `Value null at '${n}' failed to satisfy constraint`);
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
