import { KMSClient } from '@aws-sdk/client-kms';
import { tracer } from '../../observability/tracer';

// One KMS client per container, created at cold start; the endpoint comes from AWS_ENDPOINT_URL when
// set. Its middleware chain is resolved once per command type instead of on every call (about a
// quarter of the SDK's CPU per call): attestations and copies are signed on hot paths.
export const kms = tracer.captureAWSv3Client(new KMSClient({ cacheMiddleware: true }));
