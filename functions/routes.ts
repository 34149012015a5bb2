import * as citizen from './citizen/routes';
import * as consents from './consents/routes';
import * as erasure from './erasure/routes';
import * as errorReports from './error-reports/routes';
import type { RouteSpec } from './http/route';
import * as notifications from './notifications/routes';
import * as organisations from './organisations/routes';
import * as partner from './partner/routes';
import * as publicRoutes from './public/routes';
import * as sharing from './sharing/routes';
import * as verify from './verify/routes';
import * as web from './web/routes';
import * as webhooks from './webhooks/routes';
import * as wellKnown from './wellknown/routes';

// Every HTTP route of the API (each capability's routes.ts exports only route specs). The OpenAPI
// document is built from this list, and a CDK test checks the synthesized API has exactly these.
export const allRoutes: RouteSpec[] = [
  ...Object.values(publicRoutes),
  ...Object.values(partner),
  ...Object.values(citizen),
  ...Object.values(errorReports),
  ...Object.values(notifications),
  ...Object.values(sharing),
  ...Object.values(consents),
  ...Object.values(erasure),
  ...Object.values(organisations),
  ...Object.values(verify),
  ...Object.values(wellKnown),
  ...Object.values(web),
  ...Object.values(webhooks),
];
