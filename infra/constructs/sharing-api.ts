import { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/http/route';
import * as routes from '../../functions/sharing/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import type { ConsentFlow } from './consent-flow';
import type { DocshareFunction } from './docshare-function';
import { routeFunction } from './route-function';

export interface SharingApiProps {
  consent: ConsentFlow;
  /** Seconds a barcode request waits for the citizen (a stack parameter). */
  requestLifetimeSeconds: string;
  /** Seconds a deep link waits to be opened and decided (a stack parameter). */
  deeplinkLifetimeSeconds: string;
  /** Largest package answered inline (a stack parameter); larger ones redirect to S3. */
  packageInlineMaxBytes: string;
}

// Sharing: partners submit requests and pull packages; citizens see, approve and decline them.
export class SharingApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, props: SharingApiProps) {
    super(scope, id);
    const { data } = shared;
    const env = {
      TABLE_NAME: data.table.tableName,
      ...data.keyEnvironment,
      COPIES_BUCKET: data.bucket.bucketName,
      CONSENT_STATE_MACHINE_ARN: props.consent.stateMachine.stateMachineArn,
      REQUEST_LIFETIME_SECONDS: props.requestLifetimeSeconds,
      DEEPLINK_LIFETIME_SECONDS: props.deeplinkLifetimeSeconds,
      PUBLIC_BASE_URL: shared.publicBaseUrl,
      ...shared.citizenAuth,
    };
    const route = (
      spec: RouteSpec,
      entry: string,
      grant: (fn: DocshareFunction) => void = () => undefined,
    ) => {
      const fn = routeFunction(this, shared, spec, entry, { environment: env, tableAccess: 'readWrite' });
      grant(fn);
      return fn;
    };
    // Submitting (a standing consent decides at once), approving and declining read the documents.
    route(routes.submitRequest, 'sharing/submit-request', (fn) => {
      props.consent.grantDecide(fn);
      data.grantDocuments(fn, 'open');
    });
    route(routes.getPartnerRequest, 'sharing/get-partner-request');
    route(routes.getPackage, 'sharing/get-package', (fn) => {
      data.grantObjects(fn, 'packages/', 'read');
      fn.addEnvironment('PACKAGE_INLINE_MAX_BYTES', props.packageInlineMaxBytes);
    });
    route(routes.listMyRequests, 'sharing/list-my-requests');
    route(routes.approveRequest, 'sharing/approve-request', (fn) => {
      props.consent.grantDecide(fn);
      shared.macKey.grantGenerateMac(fn); // the PIN pepper
      data.grantDocuments(fn, 'open');
    });
    route(routes.declineRequest, 'sharing/decline-request', (fn) => {
      props.consent.grantDecide(fn);
      data.grantDocuments(fn, 'open');
    });
    route(routes.history, 'sharing/history');
    route(routes.createDeeplink, 'sharing/create-deeplink', (fn) => {
      props.consent.grantDecide(fn);
      shared.macKey.grantGenerateMac(fn);
    });
    // Both make or check the one-time result of a deep link's way back (a MAC only KMS can make).
    route(routes.openDeeplink, 'sharing/open-deeplink', (fn) => shared.macKey.grantGenerateMac(fn));
    route(routes.presentReturnResult, 'sharing/present-return-result', (fn) =>
      shared.macKey.grantGenerateMac(fn),
    );
  }
}
