import { revokePartner } from '../core/consents/revoke-partner';
import { http } from '../http/handler';
import { logger } from '../observability/logger';
import { revokePorts } from './ports';
import { revokeConsent } from './routes';

export const handler = http(revokeConsent, async ({ citizen, params }) => {
  const outcome = await revokePartner(revokePorts, citizen.citizenId, params.partnerId);
  // Counts only: who revoked whom stays in the requests' audit trail, not in logs.
  logger.info('consent revoked', { ...outcome });
});
