import { Construct } from 'constructs';
import * as routes from '../../functions/webhooks/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import type { PartnerNotices } from './partner-notices';
import { routeFunction } from './route-function';

// The partner's webhook delivery log and redelivery: the log is written by the delivery task
// itself; a redelivery is one more run of the partner-notices state machine (same backoff).
export class WebhookDeliveriesApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, props: { notices: PartnerNotices }) {
    super(scope, id);
    const env = {
      TABLE_NAME: shared.data.table.tableName,
      NOTICES_STATE_MACHINE_ARN: props.notices.stateMachine.stateMachineArn,
    };
    routeFunction(this, shared, routes.listWebhookDeliveries, 'webhooks/list-webhook-deliveries', {
      environment: env,
      tableAccess: 'read',
    });
    // Read-write: the redelivery rate limit is a counter in the table.
    const redeliver = routeFunction(this, shared, routes.redeliverWebhook, 'webhooks/redeliver-webhook', {
      environment: env,
      tableAccess: 'readWrite',
    });
    props.notices.grantStart(redeliver);
  }
}
