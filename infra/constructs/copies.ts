import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import * as verify from '../../functions/verify/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction, reservedConcurrency } from './docshare-function';
import { PDF_ASSETS_DIR } from './pdf-assets-layer';

// Signed copies: the consent flow's task that renders, signs (KMS) and stores an approved request's
// copies and packages them for the partner, and the public verification routes that anyone holding a
// copy, its id or its QR may call.
export class Copies extends Construct {
  /** Input: { partnerId, requestId } of an approved request; output: functions/consent/issue-copies.ts. */
  readonly issueCopiesTask: IFunction;

  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data, keys } = shared;

    const issue = new DocshareFunction(this, 'IssueCopies', {
      entry: 'consent/issue-copies',
      // Half of an invocation is CPU (rendering, subsetting the font, building the CMS): at 1,769 MB
      // Lambda gives a whole vCPU. The bench's memory model (cost.memory): ~83 ms a share instead of
      // ~114 ms at 1,024 MB, for $0.0004 more per 1,000 shares (docs/benchmarks.md, "Memory sizes").
      memorySize: 1769,
      timeout: Duration.seconds(30),
      // Sized for the burst to absorb without a throttle (50 approvals at once), not for KMS: two Signs
      // per copy at ~80 ms a run pass the ECC Sign quota (300/s) from ~6 executions, so 20 protected
      // nothing and only throttled bursts; sustained load is held back by KMS's own throttling, which
      // the flow waits out (THROTTLED_RETRY). docs/benchmarks.md, "Fifth pass".
      reservedConcurrency: reservedConcurrency(this, 'issueCopyReservedConcurrency', 50),
      layers: [shared.pdfAssets.layer],
      environment: {
        TABLE_NAME: data.table.tableName,
        ...data.keyEnvironment,
        COPIES_BUCKET: data.bucket.bucketName,
        SIGNING_KEY_ID: keys.signingKey.keyId,
        ROOT_CA_KEY_ID: keys.rootCaKey.keyId,
        PDF_ASSETS_DIR,
      },
    });
    data.grantTable(issue, 'readWrite');
    data.grantObjects(issue, 'copies/', 'readWrite');
    data.grantObjects(issue, 'packages/', 'readWrite');
    data.grantDocuments(issue, 'open');
    keys.grantSign(issue);
    // The chain is read and pinned to both keys' public halves; the operator issues it (issue 16.2).
    keys.grantPublicKeys(issue);
    this.issueCopiesTask = issue;

    // Verifiers read copy records and the published chain. Anyone can send them a PDF or a QR to
    // parse, so they have a role of their own: no signing, no writing, no objects (issue 16.2).
    const verifier = (routeId: string, entry: string, memorySize = 512) => {
      const fn = new DocshareFunction(this, routeId, {
        entry,
        memorySize,
        privilege: 'public',
        environment: {
          TABLE_NAME: data.table.tableName,
          // The chain in the table is checked against the keys' public halves (issue 16.8).
          SIGNING_KEY_ID: keys.signingKey.keyId,
          ROOT_CA_KEY_ID: keys.rootCaKey.keyId,
        },
      });
      // The table key only through DynamoDB: they open no sealed field (issue 16.9, public routes).
      data.grantTable(fn, 'read');
      keys.grantPublicKeys(fn);
      return fn;
    };
    shared.api.addRoute(verify.getCopyStatus, verifier('GetCopyStatus', 'verify/get-copy-status', 256));
    shared.api.addRoute(verify.verifyCopyPdf, verifier('VerifyPdf', 'verify/verify-pdf', 1024));
    shared.api.addRoute(verify.verifyCopyQr, verifier('VerifyQr', 'verify/verify-qr'));
  }
}
