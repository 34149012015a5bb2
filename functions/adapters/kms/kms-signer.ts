import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { kms } from './client';

// A KMS asymmetric key as a digest signer: the private key never leaves KMS. The public key is
// fetched at most once per container (KMS allows only a few GetPublicKey calls per second).

export interface KmsSigner {
  keyId: string;
  signDigest(sha256: Uint8Array): Promise<Uint8Array>;
  publicKeySpki(): Promise<Uint8Array>;
}

export function kmsSigner(keyId: string): KmsSigner {
  let publicKey: Promise<Uint8Array> | undefined;
  return {
    keyId,
    async signDigest(sha256) {
      const out = await kms.send(
        new SignCommand({
          KeyId: keyId,
          Message: sha256,
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      return out.Signature!;
    },
    publicKeySpki() {
      publicKey ??= kms.send(new GetPublicKeyCommand({ KeyId: keyId })).then((out) => out.PublicKey!);
      publicKey.catch(() => {
        publicKey = undefined;
      });
      return publicKey;
    },
  };
}
