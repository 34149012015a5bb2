import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// The operator's Admin function: onboarding partners, rotating keys, importing registry data.
// Invoked with IAM credentials through the Lambda API (`npm run admin`), never exposed over HTTP.
export class Operator extends Construct {
  readonly admin: DocshareFunction;

  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    this.admin = new DocshareFunction(this, 'Admin', {
      entry: 'operator/admin',
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: shared.data.table.tableName,
        ...shared.data.keyEnvironment,
        SIGNING_KEY_ID: shared.keys.signingKey.keyId,
        ROOT_CA_KEY_ID: shared.keys.rootCaKey.keyId,
      },
    });
    shared.data.grantTable(this.admin, 'readWrite');
    shared.data.grantDocuments(this.admin, 'open', 'seal');
    shared.data.grantPartnerSecrets(this.admin, 'seal');
    // signing-chain.issue: the only function that may sign with the root CA key (issue 16.2).
    shared.keys.grantCertify(this.admin);
    shared.keys.grantPublicKeys(this.admin);
  }
}
