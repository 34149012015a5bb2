import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routeKey } from '../http/route';
import { handler as addBranch } from './add-branch';
import { handler as addService } from './add-service';
import { handler as deleteBranch } from './delete-branch';
import { handler as deleteOrganisation } from './delete-organisation';
import { handler as deleteService } from './delete-service';
import { handler as getOrganisation } from './get-organisation';
import { handler as listOrganisations } from './list-organisations';
import { handler as registerOrganisation } from './register-organisation';
import { handler as replaceBranch } from './replace-branch';
import { handler as replaceService } from './replace-service';
import { handler as resendVerification } from './resend-verification';
import * as routes from './routes';
import { handler as updateOrganisation } from './update-organisation';

// One function for the owner's management routes (as functions/web/serve-web.ts does for the pages):
// they share their data, grants and configuration, and a CloudFormation stack holds at most 500
// resources — a function per route costs four (function, role, policy, log group).

const handlers = {
  [routeKey(routes.registerOrganisation)]: registerOrganisation,
  [routeKey(routes.listOrganisations)]: listOrganisations,
  [routeKey(routes.getOrganisation)]: getOrganisation,
  [routeKey(routes.updateOrganisation)]: updateOrganisation,
  [routeKey(routes.deleteOrganisation)]: deleteOrganisation,
  [routeKey(routes.addBranch)]: addBranch,
  [routeKey(routes.replaceBranch)]: replaceBranch,
  [routeKey(routes.deleteBranch)]: deleteBranch,
  [routeKey(routes.resendVerification)]: resendVerification,
  [routeKey(routes.addService)]: addService,
  [routeKey(routes.replaceService)]: replaceService,
  [routeKey(routes.deleteService)]: deleteService,
};

export const handler = (event: APIGatewayProxyEventV2, context: Context) => {
  const route = handlers[event.routeKey];
  if (!route) throw new Error(`No organisation route for ${event.routeKey}`);
  return route(event, context);
};
