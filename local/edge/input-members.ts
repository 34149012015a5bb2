// Reading members of an AWS JSON-protocol request; anything malformed is a ValidationException, as
// on AWS. Each service's input.ts adds its own readers (KMS blobs, Step Functions enums, paging).
import { AwsServiceError } from './aws-json-service';

export type Input = Record<string, unknown>;

export function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  return value;
}

/** A non-empty string; `missing` words the error as the service does. */
export function requiredString(
  input: Input,
  name: string,
  missing: (name: string) => string = (n) => `${n} is required`,
): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') throw invalid(missing(name));
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
