import * as z from 'zod';
import { publishedCertificateChain } from '../adapters/certificates';
import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import { signingKey } from '../adapters/kms/signing-key';
import { s3CopyPdfStore } from '../adapters/s3/copy-pdf-store';
import { readEnv } from '../config/env';
import {
  DEFAULT_COPY_RETENTION_DAYS,
  type IssueCopyInput,
  type IssueCopyPorts,
  type IssuedCopy,
  issueCopy as issueCopyWith,
  prepareCopy as prepareCopyWith,
} from '../core/copies/issue-copy';

// issueCopy wired to AWS: KMS signs (the signing key), DynamoDB keeps the record and the certificate
// chain, S3 keeps the PDF, the fonts come from the pdf-assets layer. The consent flow calls this.
// Environment: infra/constructs/copies.ts `issueEnvironment()`.

export type { IssueCopyInput, IssuedCopy } from '../core/copies/issue-copy';

const config = readEnv({
  PDF_ASSETS_DIR: z.string().min(1),
  COPY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_COPY_RETENTION_DAYS),
});

const ports: IssueCopyPorts = {
  signer: signingKey(),
  certificateChain: publishedCertificateChain,
  copies: dynamoCopyStore,
  pdfs: s3CopyPdfStore,
  assets: { assetsDir: config.PDF_ASSETS_DIR },
  defaultRetentionDays: config.COPY_RETENTION_DAYS,
};

/** Renders, signs (2 KMS Sign calls) and stores one copy; see core/copies/issue-copy.ts. */
export function issueCopy(input: IssueCopyInput): Promise<IssuedCopy> {
  return issueCopyWith(input, ports);
}

/** Renders, signs and stores one copy's PDF, leaving its record to the caller's transaction. */
export function prepareCopy(input: IssueCopyInput) {
  return prepareCopyWith(input, ports);
}
