import * as z from 'zod';
import { dynamoBarcodeStore } from '../adapters/dynamo/barcode-store';
import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoConsentStore } from '../adapters/dynamo/consent-store';
import { dynamoPinStore } from '../adapters/dynamo/pin-store';
import { dynamoRateLimitStore } from '../adapters/dynamo/rate-limit-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { stepFunctionsConsentFlow } from '../adapters/sfn/consent-flow';
import { readEnv } from '../config/env';
import type { DecidePorts } from '../core/requests/decide-request';
import type { SubmitPorts } from '../core/requests/submit-request';

// The sharing use cases wired to their AWS adapters, built once per container.

export const submitPorts = (): SubmitPorts => ({
  requests: dynamoRequestStore,
  branches: dynamoBranchStore,
  rateLimits: dynamoRateLimitStore,
  peekBarcode: (code) => dynamoBarcodeStore.peek(code),
  flow: stepFunctionsConsentFlow,
  lifetimeSeconds: readEnv({ REQUEST_LIFETIME_SECONDS: z.coerce.number().int().min(1).max(3600) })
    .REQUEST_LIFETIME_SECONDS,
});

export const decidePorts: DecidePorts = {
  requests: dynamoRequestStore,
  pins: dynamoPinStore,
  flow: stepFunctionsConsentFlow,
  consents: dynamoConsentStore,
};
