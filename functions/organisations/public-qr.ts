import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routeKey } from '../http/route';
import { handler as downloadCopies } from './download-copies';
import { handler as downloadCopiesPage } from './download-copies-page';
import { handler as getQrCode } from './get-qr-code';
import * as routes from './routes';
import { handler as verifyEmail } from './verify-email';

// One function for the public /v1/qr routes: resolving a poster, the verification link and the
// one-time download link (see manage.ts for why routes share a function).

const handlers = {
  [routeKey(routes.getQrCode)]: getQrCode,
  [routeKey(routes.verifyEmail)]: verifyEmail,
  [routeKey(routes.downloadCopiesPage)]: downloadCopiesPage,
  [routeKey(routes.downloadCopies)]: downloadCopies,
};

export const handler = (event: APIGatewayProxyEventV2, context: Context) => {
  const route = handlers[event.routeKey];
  if (!route) throw new Error(`No public QR route for ${event.routeKey}`);
  return route(event, context);
};
