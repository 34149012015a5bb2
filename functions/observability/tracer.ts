import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './metric-names';

// X-Ray for the calls whose latency a share is made of: KMS (signatures, data keys) and S3 (copies,
// packages). The functions run with active tracing, so each call becomes a subsegment of the
// invocation, next to the Step Functions trace of the flow. Outside Lambda (the embedded runtime,
// tests) powertools leaves the clients untouched.
export const tracer = new Tracer({ serviceName: SERVICE_NAME });
