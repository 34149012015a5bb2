import { Construct } from 'constructs';
import * as routes from '../../functions/public/routes';
import * as wellKnown from '../../functions/wellknown/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// Public routes: health, the OpenAPI document and the keys and certificates that verify copies.
export class PublicApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    shared.api.addRoute(
      routes.health,
      new DocshareFunction(this, 'Health', { entry: 'public/health', memorySize: 256, privilege: 'public' }),
    );
    shared.api.addRoute(
      routes.openapi,
      new DocshareFunction(this, 'OpenApi', { entry: 'public/openapi', privilege: 'public' }),
    );
    // Health, OpenAPI and the JWKS share a role that can only read public keys; the chain's role
    // (below) is apart because it may certify.
    const jwks = new DocshareFunction(this, 'Jwks', {
      entry: 'wellknown/jwks',
      memorySize: 256,
      privilege: 'public',
      environment: { SIGNING_KEY_ID: shared.keys.signingKey.keyId },
    });
    shared.keys.grantPublicKeys(jwks);
    shared.api.addRoute(wellKnown.jwks, jwks);

    // Publishing the chain only reads it: the operator issues it (signing-chain.issue, issue 16.2).
    const chain = new DocshareFunction(this, 'SigningChain', {
      entry: 'wellknown/signing-chain',
      memorySize: 256,
      environment: {
        TABLE_NAME: shared.data.table.tableName,
        SIGNING_KEY_ID: shared.keys.signingKey.keyId,
        ROOT_CA_KEY_ID: shared.keys.rootCaKey.keyId,
      },
    });
    shared.data.grantTable(chain, 'read');
    shared.keys.grantPublicKeys(chain);
    shared.api.addRoute(wellKnown.signingChain, chain);
  }
}
