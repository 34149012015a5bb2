import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from './metric-names';

// The one logger of every function: powertools' structured JSON (level from POWERTOOLS_LOG_LEVEL or
// LOG_LEVEL), with the Lambda request id, cold start and the correlation keys a handler appends —
// the API request id, the partner id. Callers pass only what is not personal: routes, statuses,
// ids of our own making, durations; never bodies, tokens, names, document fields or citizen ids.
export const logger = new Logger({ serviceName: SERVICE_NAME });
