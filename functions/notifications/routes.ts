import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf, listQuery } from '../partner/schemas';
import { notificationParams, notificationSchema } from './schemas';

const base = { tags: ['citizen'], auth: 'citizen' } as const;

export const listNotifications = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/me/notifications',
  operationId: 'listMyNotifications',
  summary: 'What docshare has told me (e.g. a document refreshed from its registry), newest first',
  query: listQuery,
  responses: {
    200: { description: 'Notifications', schema: listOf(notificationSchema, 'NotificationList') },
    400: problems[400],
    401: problems[401],
  },
});

export const markNotificationRead = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/me/notifications/{notificationId}/read',
  operationId: 'markMyNotificationRead',
  summary: 'Mark a notification as read',
  params: notificationParams,
  successStatus: 204,
  responses: {
    204: { description: 'Read' },
    400: problems[400],
    401: problems[401],
    404: problems[404],
  },
});
