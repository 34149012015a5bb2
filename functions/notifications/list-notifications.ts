import { dynamoNotificationStore } from '../adapters/dynamo/notification-store';
import { notificationView } from '../core/notifications/notification';
import { http } from '../http/handler';
import { listNotifications } from './routes';

export const handler = http(listNotifications, async ({ citizen, query }) => {
  const page = await dynamoNotificationStore.list(citizen.citizenId, query);
  return { items: page.items.map(notificationView), nextCursor: page.nextCursor };
});
