import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { macOf } from '../adapters/kms/mac';
import { presentReturnResult as present } from '../core/requests/return-result';
import { http } from '../http/handler';
import { presentReturnResult } from './routes';

const ports = { requests: dynamoRequestStore, mac: (message: string) => macOf('return-result', message) };

export const handler = http(presentReturnResult, async ({ partner, params, body }) =>
  present(ports, partner.partnerId, params.requestId, body.result),
);
