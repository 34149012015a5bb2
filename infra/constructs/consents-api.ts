import { Construct } from 'constructs';
import * as routes from '../../functions/consents/routes';
import type { RouteSpec } from '../../functions/http/route';
import type { SharedResources } from '../stacks/docshare-stack';
import type { ConsentFlow } from './consent-flow';
import type { PartnerNotices } from './partner-notices';
import { routeFunction } from './route-function';

export interface ConsentsApiProps {
  consent: ConsentFlow;
  notices: PartnerNotices;
  /** Seconds a request may take (a stack parameter); standing-access requests use it too. */
  requestLifetimeSeconds: string;
}

// Standing access and the citizen's control over it: partners list their consents and fetch fresh
// packages; citizens see who holds what, revoke a partner, and export their history.
export class ConsentsApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, props: ConsentsApiProps) {
    super(scope, id);
    const { data } = shared;
    const env = {
      TABLE_NAME: data.table.tableName,
      ...data.keyEnvironment,
      COPIES_BUCKET: data.bucket.bucketName,
      CONSENT_STATE_MACHINE_ARN: props.consent.stateMachine.stateMachineArn,
      NOTICES_STATE_MACHINE_ARN: props.notices.stateMachine.stateMachineArn,
      REQUEST_LIFETIME_SECONDS: props.requestLifetimeSeconds,
      ...shared.citizenAuth,
    };
    const route = (spec: RouteSpec, entry: string, tableAccess: 'read' | 'readWrite') =>
      routeFunction(this, shared, spec, entry, { environment: env, tableAccess });
    route(routes.listPartnerConsents, 'consents/list-partner-consents', 'read');
    route(routes.getPartnerConsent, 'consents/get-partner-consent', 'read');
    const fresh = route(routes.createConsentPackage, 'consents/create-consent-package', 'readWrite');
    props.consent.grantDecide(fresh);
    data.grantDocuments(fresh, 'open');
    route(routes.listMyConsents, 'consents/list-my-consents', 'read');
    const revoke = route(routes.revokeConsent, 'consents/revoke-consent', 'readWrite');
    props.consent.grantDecide(revoke);
    data.grantDocuments(revoke, 'open');
    props.notices.grantStart(revoke);
    data.grantDeleteObjects(revoke, 'packages/');
    data.grantDeleteObjects(revoke, 'copies/');
    route(routes.exportHistory, 'consents/export-history', 'read');
  }
}
