import * as z from 'zod';
import { dynamoBarcodeStore } from '../adapters/dynamo/barcode-store';
import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoRateLimitStore } from '../adapters/dynamo/rate-limit-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { macOf } from '../adapters/kms/mac';
import { signJws } from '../adapters/kms/signing-key';
import { readEnv } from '../config/env';
import { validateByBarcode } from '../core/validation/validate-by-barcode';
import { http } from '../http/handler';
import { validateDocument } from './routes';

const config = readEnv({ PUBLIC_BASE_URL: z.string().min(1) });

export const handler = http(validateDocument, async ({ partner, body }) =>
  validateByBarcode(
    {
      barcodes: dynamoBarcodeStore,
      branches: dynamoBranchStore,
      wallet: dynamoWalletStore,
      rateLimits: dynamoRateLimitStore,
      signAttestation: (claims) => signJws({ ...claims }, 'docshare-attestation+jwt'),
      issuer: config.PUBLIC_BASE_URL,
      documentPseudonym: async (partnerId, docId) =>
        `doc_${(await macOf('document-pseudonym', `${partnerId}\n${docId}`)).toString('base64url').slice(0, 32)}`,
    },
    partner,
    body,
  ),
);
