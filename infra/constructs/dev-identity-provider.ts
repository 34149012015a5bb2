import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import * as routes from '../../functions/dev/routes';
import { demoCitizens } from '../../local/seed/citizens';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// Local runtime only: a dev identity provider that issues ES256 citizen tokens for seeded citizens
// and publishes its JWKS. A deployed stack uses a real identity provider instead. The pages sign in
// through its OpenID Connect code flow with PKCE (/dev/authorize, /dev/token), the same code path
// as against a real provider; /dev/citizen-token skips the browser for tests and scripts.
export class DevIdentityProvider extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, client: { clientId: string }) {
    super(scope, id);
    const key = new Key(this, 'TokenKey', {
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.DESTROY,
      description: 'Local dev identity provider token key',
    });
    const env = {
      DEV_IDP_KEY_ID: key.keyId,
      TABLE_NAME: shared.data.table.tableName,
      // Whom the sign-in page lists: the seeded demo citizens (local/seed/citizens.ts).
      DEV_CITIZEN_IDS: demoCitizens.map((citizen) => citizen.citizenId).join(','),
      ...shared.citizenAuth,
    };
    const token = new DocshareFunction(this, 'CitizenToken', {
      entry: 'dev/citizen-token',
      environment: env,
    });
    key.grant(token, 'kms:Sign', 'kms:GetPublicKey');
    shared.data.grantTable(token, 'read');
    shared.api.addRoute(routes.citizenToken, token);
    // The web pages' dev sign-in lists who may sign in; names are sealed, so it opens them.
    const citizens = new DocshareFunction(this, 'Citizens', { entry: 'dev/list-citizens', environment: env });
    shared.data.grantTable(citizens, 'read');
    shared.data.grantDocuments(citizens, 'open');
    shared.api.addRoute(routes.citizens, citizens);
    const jwks = new DocshareFunction(this, 'Jwks', { entry: 'dev/jwks', environment: env });
    key.grant(jwks, 'kms:GetPublicKey');
    shared.api.addRoute(routes.jwks, jwks);
    // The code flow: its one client is the web pages, with their redirect URI on PublicBaseUrl.
    const flowEnv = { ...env, CITIZEN_CLIENT_ID: client.clientId, PUBLIC_BASE_URL: shared.publicBaseUrl };
    const authorizePage = new DocshareFunction(this, 'AuthorizePage', {
      entry: 'dev/authorize-page',
      environment: flowEnv,
    });
    shared.data.grantTable(authorizePage, 'read');
    shared.data.grantDocuments(authorizePage, 'open');
    shared.api.addRoute(routes.authorizePage, authorizePage);
    const authorize = new DocshareFunction(this, 'Authorize', {
      entry: 'dev/authorize',
      environment: flowEnv,
    });
    shared.data.grantTable(authorize, 'readWrite');
    shared.api.addRoute(routes.authorize, authorize);
    const tokenEndpoint = new DocshareFunction(this, 'Token', { entry: 'dev/token', environment: flowEnv });
    key.grant(tokenEndpoint, 'kms:Sign', 'kms:GetPublicKey');
    shared.data.grantTable(tokenEndpoint, 'readWrite');
    shared.api.addRoute(routes.token, tokenEndpoint);
  }
}
