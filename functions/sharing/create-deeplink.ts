import QRCode from 'qrcode';
import * as z from 'zod';
import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { macOf } from '../adapters/kms/mac';
import { stepFunctionsConsentFlow } from '../adapters/sfn/consent-flow';
import { readEnv } from '../config/env';
import { createDeeplink as create } from '../core/requests/deeplinks';
import { http } from '../http/handler';
import { createDeeplink } from './routes';

const config = readEnv({
  PUBLIC_BASE_URL: z.string().min(1),
  DEEPLINK_LIFETIME_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
});
const ports = {
  requests: dynamoRequestStore,
  branches: dynamoBranchStore,
  flow: stepFunctionsConsentFlow,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  lifetimeSeconds: config.DEEPLINK_LIFETIME_SECONDS,
  mac: (message: string) => macOf('deeplink-token', message),
  renderQrSvg: (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
};

export const handler = http(createDeeplink, async ({ partner, params, body }) =>
  create(ports, partner, { ...params, ...body }),
);
