import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

// An HMAC key whose material never leaves KMS: it derives secrets we must be able to recompute but
// must not store (deep-link tokens, so an idempotent replay returns the same link while the table
// holds only the token's hash) and peppers PIN hashes (a copy of the table alone cannot be used to
// test PINs offline). Holding kms:GenerateMac is what it takes to recompute either.
export class MacKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      description: 'docshare MAC key: deep-link tokens and the PIN pepper',
    });
    Validations.of(this.key).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason:
        'HMAC keys cannot rotate automatically; rotating would invalidate every stored PIN hash and open deep link.',
    });
  }

  /** kms:GenerateMac on the key, and MAC_KEY_ID in the function's environment. */
  grantGenerateMac(grantee: IGrantable & { addEnvironment(key: string, value: string): unknown }): void {
    this.key.grant(grantee, 'kms:GenerateMac');
    grantee.addEnvironment('MAC_KEY_ID', this.key.keyId);
  }
}
