import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

// Two asymmetric KMS keys whose private halves never leave KMS: the docshare root CA, which
// certifies the signing key, and the signing key itself, which signs PDF copies (PAdES), the
// copies' QR payloads (COSE) and validation attestations (JWS).
export class SigningKeys extends Construct {
  readonly signingKey: Key;
  readonly rootCaKey: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const common = {
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.signingKey = new Key(this, 'SigningKey', { ...common, description: 'docshare copy signing key' });
    this.rootCaKey = new Key(this, 'RootCaKey', { ...common, description: 'docshare root CA key' });
    for (const key of [this.signingKey, this.rootCaKey]) {
      Validations.of(key).acknowledge(
        ...[
          {
            id: 'AwsSolutions-KMS5',
            reason:
              'Asymmetric KMS keys cannot rotate automatically; rotation is a new key plus a new certificate.',
          },
        ],
      );
    }
  }

  grantSign(grantee: IGrantable): void {
    this.signingKey.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
  }

  grantCertify(grantee: IGrantable): void {
    this.rootCaKey.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
  }

  grantPublicKeys(grantee: IGrantable): void {
    this.signingKey.grant(grantee, 'kms:GetPublicKey');
    this.rootCaKey.grant(grantee, 'kms:GetPublicKey');
  }
}
