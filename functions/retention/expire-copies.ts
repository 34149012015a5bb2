import { dynamoCopiesDue } from '../adapters/dynamo/copy-expiry';
import { expireDueCopies } from '../core/copies/expire-copies';
import { log } from '../http/log';

// Scheduled (EventBridge rule, hourly): marks copies past their expiry `expired`.
export const handler = async () => {
  const outcome = await expireDueCopies(dynamoCopiesDue);
  log('info', 'copies expired', { ...outcome });
  return outcome;
};
