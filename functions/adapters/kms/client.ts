import { KMSClient } from '@aws-sdk/client-kms';

// One KMS client per container, created at cold start; the endpoint comes from AWS_ENDPOINT_URL when
// set. Its middleware chain is resolved once per command type instead of on every call (about a
// quarter of the SDK's CPU per call): attestations and copies are signed on hot paths.
export const kms = new KMSClient({ cacheMiddleware: true });
