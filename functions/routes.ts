import * as citizen from './citizen/routes';
import type { RouteSpec } from './http/route';
import * as partner from './partner/routes';
import * as publicRoutes from './public/routes';
import * as sharing from './sharing/routes';
import * as verify from './verify/routes';
import * as web from './web/routes';
import * as wellKnown from './wellknown/routes';

// Every HTTP route of the API (each capability's routes.ts exports only route specs). The OpenAPI
// document is built from this list, and a CDK test checks the synthesized API has exactly these.
export const allRoutes: RouteSpec[] = [
  ...Object.values(publicRoutes),
  ...Object.values(partner),
  ...Object.values(citizen),
  ...Object.values(sharing),
  ...Object.values(verify),
  ...Object.values(wellKnown),
  ...Object.values(web),
];
