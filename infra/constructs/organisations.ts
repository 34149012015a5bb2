import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as routes from '../../functions/organisations/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import type { ConsentFlow } from './consent-flow';
import { DocshareFunction } from './docshare-function';
import { PDF_ASSETS_DIR } from './pdf-assets-layer';
import { grantSendEmail } from './qr-email-delivery';

export interface OrganisationsProps {
  consent: ConsentFlow;
  /** Shares per poster QR code and minute (a stack parameter). */
  qrSharesPerMinute: string;
}

// Organisations without an IT system (F6): their heads register branches and services, verify branch
// e-mails and download posters; visitors resolve a poster's QR and share with the PIN, which starts
// the consent flow (QrEmailDelivery mails the copies). Four functions, grouped by what they may do
// (a function per route would cost 4 of the stack's 500 resources each): managing (mails
// verification links), the poster (fonts layer), the public /v1/qr routes, and sharing (starts the flow).
export class Organisations extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, props: OrganisationsProps) {
    super(scope, id);
    const { data, email, api } = shared;
    const env = {
      TABLE_NAME: data.table.tableName,
      ...data.keyEnvironment,
      PUBLIC_BASE_URL: shared.publicBaseUrl,
    };

    const manage = new DocshareFunction(this, 'Manage', {
      entry: 'organisations/manage',
      environment: { ...env, ...shared.citizenAuth, ...email.environment() },
    });
    data.grantTable(manage, 'readWrite');
    grantSendEmail(email, manage);
    for (const route of [
      routes.registerOrganisation,
      routes.listOrganisations,
      routes.getOrganisation,
      routes.updateOrganisation,
      routes.deleteOrganisation,
      routes.addBranch,
      routes.replaceBranch,
      routes.deleteBranch,
      routes.resendVerification,
      routes.addService,
      routes.replaceService,
      routes.deleteService,
    ]) {
      api.addRoute(route, manage);
    }

    const poster = new DocshareFunction(this, 'Poster', {
      entry: 'organisations/get-poster',
      // Font parsing and subsetting are CPU-bound, as for copies.
      memorySize: 1024,
      timeout: Duration.seconds(30),
      layers: [shared.pdfAssets.layer],
      environment: { ...env, ...shared.citizenAuth, PDF_ASSETS_DIR },
    });
    // Read-write: the QR code of a (branch, service) is stored on its first poster.
    data.grantTable(poster, 'readWrite');
    api.addRoute(routes.getPoster, poster);

    // Anyone can reach these: a role of their own, and the data key only as DynamoDB and S3 use it.
    const publicQr = new DocshareFunction(this, 'PublicQr', {
      entry: 'organisations/public-qr',
      privilege: 'public',
      environment: { ...env, COPIES_BUCKET: data.bucket.bucketName },
    });
    // Read-write: verification and download links are used up when followed.
    data.grantTable(publicQr, 'readWrite');
    data.grantObjects(publicQr, 'downloads/', 'read');
    for (const route of [
      routes.getQrCode,
      routes.verifyEmail,
      routes.downloadCopiesPage,
      routes.downloadCopies,
    ])
      api.addRoute(route, publicQr);

    const share = new DocshareFunction(this, 'Share', {
      entry: 'organisations/share-by-qr',
      environment: {
        ...env,
        ...shared.citizenAuth,
        CONSENT_STATE_MACHINE_ARN: props.consent.stateMachine.stateMachineArn,
        QR_SHARES_PER_MINUTE: props.qrSharesPerMinute,
      },
    });
    data.grantTable(share, 'readWrite');
    shared.macKey.grantGenerateMac(share); // the PIN pepper
    props.consent.stateMachine.grantStartExecution(share);
    api.addRoute(routes.shareByQr, share);
  }
}
