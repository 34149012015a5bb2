import { Construct } from 'constructs';
import * as routes from '../../functions/notifications/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// The citizen's notifications (GET /v1/me/notifications, mark read): written by the document
// refresh job, shown in the wallet. No personal data in them, so no key grant beyond the table's.
export class Notifications extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    const environment = { TABLE_NAME: data.table.tableName, ...shared.citizenAuth };
    const list = new DocshareFunction(this, routes.listNotifications.operationId, {
      entry: 'notifications/list-notifications',
      environment,
    });
    data.grantTable(list, 'read');
    shared.api.addRoute(routes.listNotifications, list);
    const markRead = new DocshareFunction(this, routes.markNotificationRead.operationId, {
      entry: 'notifications/mark-notification-read',
      environment,
    });
    data.grantTable(markRead, 'readWrite');
    shared.api.addRoute(routes.markNotificationRead, markRead);
  }
}
