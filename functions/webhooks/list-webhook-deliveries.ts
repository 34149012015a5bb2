import { dynamoDeliveryStore } from '../adapters/dynamo/delivery-store';
import { http } from '../http/handler';
import { listWebhookDeliveries } from './routes';

export const handler = http(listWebhookDeliveries, async ({ partner, query }) => {
  const { limit, cursor, ...filter } = query;
  return dynamoDeliveryStore.list(partner.partnerId, filter, { limit, cursor });
});
