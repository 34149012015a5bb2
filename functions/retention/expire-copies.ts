import { dynamoCopiesDue } from '../adapters/dynamo/copy-expiry';
import { expireDueCopies } from '../core/copies/expire-copies';
import { logger } from '../observability/logger';

// Scheduled (EventBridge rule, hourly): marks copies past their expiry `expired`.
export const handler = async () => {
  const outcome = await expireDueCopies(dynamoCopiesDue);
  logger.info('copies expired', { ...outcome });
  return outcome;
};
