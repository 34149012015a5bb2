import * as z from 'zod';
import { dynamoConsentStore } from '../adapters/dynamo/consent-store';
import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { deleteObject } from '../adapters/s3/bucket';
import { stepFunctionsConsentFlow } from '../adapters/sfn/consent-flow';
import { stepFunctionsPartnerNotices } from '../adapters/sfn/partner-notices';
import { readEnv } from '../config/env';
import type { RevokePorts } from '../core/consents/revoke-partner';
import type { StandingPackagePorts } from '../core/consents/standing-package';
import { decidePorts } from '../sharing/ports';

// Standing access and revocation wired to their AWS adapters, built once per container.

export const standingPackagePorts = (): StandingPackagePorts => ({
  consents: dynamoConsentStore,
  requests: dynamoRequestStore,
  flow: stepFunctionsConsentFlow,
  lifetimeSeconds: readEnv({ REQUEST_LIFETIME_SECONDS: z.coerce.number().int().min(1).max(3600) })
    .REQUEST_LIFETIME_SECONDS,
});

export const revokePorts: RevokePorts = {
  consents: dynamoConsentStore,
  decide: decidePorts,
  listCitizenCopies: (citizenId, page) => dynamoCopyStore.listCitizenCopies(citizenId, page),
  revokeCopy: (copyId) => dynamoCopyStore.markCopyStatus(copyId, 'revoked'),
  deletePackage: deleteObject,
  deleteCopyPdf: deleteObject,
  notices: stepFunctionsPartnerNotices,
};
