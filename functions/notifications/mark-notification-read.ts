import { dynamoNotificationStore } from '../adapters/dynamo/notification-store';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { markNotificationRead } from './routes';

export const handler = http(markNotificationRead, async ({ citizen, params }) => {
  const found = await dynamoNotificationStore.markRead(citizen.citizenId, params.notificationId, new Date());
  if (!found) throw new NotFound('notification');
});
