import { requestStandingPackage } from '../core/consents/standing-package';
import { http } from '../http/handler';
import { standingPackagePorts } from './ports';
import { createConsentPackage } from './routes';

const ports = standingPackagePorts();

export const handler = http(createConsentPackage, async ({ partner, params, body }) =>
  requestStandingPackage(ports, partner, params.consentId, body),
);
