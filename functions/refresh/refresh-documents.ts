import { logger } from '../observability/logger';
import { runDocumentRefresh } from './document-refresh';

// Scheduled (EventBridge rule, daily on AWS; the local runtime's scheduler and `npm run admin --
// documents refresh` locally): refreshes documents expired or expiring within 30 days.
export const handler = async () => {
  const outcome = await runDocumentRefresh();
  logger.info('documents refreshed', { ...outcome });
  return outcome;
};
