import { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/http/route';
import * as routes from '../../functions/partner/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import { routeFunction } from './route-function';

// The partner API (API-key authenticated): profile, keys, branches and offers. Each route is its
// own function with only the grants it needs.
export class PartnerApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    const tableEnv = { TABLE_NAME: data.table.tableName };
    const route = (
      spec: RouteSpec,
      entry: string,
      access: 'read' | 'readWrite',
      env: Record<string, string> = {},
    ) =>
      routeFunction(this, shared, spec, entry, { environment: { ...tableEnv, ...env }, tableAccess: access });
    const branchEnv = { ALLOW_LOOPBACK_CALLBACKS: String(shared.localRuntime) };

    route(routes.getPartner, 'partner/get-partner', 'read');
    route(routes.putEncryptionKey, 'partner/put-encryption-key', 'readWrite');
    const rotate = route(routes.rotateWebhookSecret, 'partner/rotate-webhook-secret', 'readWrite', {
      ...data.keyEnvironment,
    });
    data.grantPartnerSecrets(rotate, 'seal');
    route(routes.createBranch, 'partner/create-branch', 'readWrite', branchEnv);
    route(routes.listBranches, 'partner/list-branches', 'read');
    route(routes.getBranch, 'partner/get-branch', 'read');
    route(routes.replaceBranch, 'partner/replace-branch', 'readWrite', branchEnv);
    route(routes.deleteBranch, 'partner/delete-branch', 'readWrite');
    route(routes.createOffer, 'partner/create-offer', 'readWrite');
    route(routes.listOffers, 'partner/list-offers', 'read');
    route(routes.getOffer, 'partner/get-offer', 'read');
    route(routes.deleteOffer, 'partner/delete-offer', 'readWrite');

    const validate = route(routes.validateDocument, 'partner/validate-document', 'readWrite', {
      ...data.keyEnvironment,
      SIGNING_KEY_ID: shared.keys.signingKey.keyId,
      PUBLIC_BASE_URL: shared.publicBaseUrl,
    });
    data.grantDocuments(validate, 'open');
    shared.keys.grantSign(validate);
    shared.macKey.grantGenerateMac(validate); // the document's per-partner pseudonym
  }
}
