import { randomUUID } from 'node:crypto';
import { claimErasure } from '../adapters/dynamo/erasure-store';
import { startErasure } from '../adapters/sfn/erasure-job';
import { startState } from '../core/erasure/erase-citizen';
import { http } from '../http/handler';
import { logger } from '../observability/logger';
import { eraseMe } from './routes';

export const handler = http(eraseMe, async ({ citizen }) => {
  const now = new Date();
  const erasureId = await claimErasure(citizen.citizenId, `era_${randomUUID().replaceAll('-', '')}`, now);
  // Starting an erasure that already runs is a no-op (executions are named after the erasure).
  await startErasure({ ...startState(citizen.citizenId, erasureId, now) });
  logger.info('erasure started', { erasureId });
  return { erasureId, status: 'in_progress' as const };
});
