import * as z from 'zod';
import { readEnv } from '../config/env';
import { Conflict } from '../core/errors';
import { PENDING_REVIEW } from '../core/organisations/business-registry';
import { newQrCode } from '../core/organisations/ids';
import {
  requireBranch,
  requireOwnOrganisation,
  requireService,
} from '../core/organisations/manage-organisations';
import { renderPoster } from '../core/organisations/render-poster';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { organisations, publicBaseUrl } from './ports';
import { getPoster } from './routes';

const config = readEnv({ PDF_ASSETS_DIR: z.string().min(1) });
const base = publicBaseUrl().replace(/\/+$/, '');

// The poster's QR code is made on the first download and kept: reprinting gives the same code.
export const handler = http(getPoster, async ({ citizen, params }) => {
  const ports = { organisations };
  const organisation = await requireOwnOrganisation(ports, citizen.citizenId, params.orgId);
  if (organisation.status !== 'active') throw new Conflict(PENDING_REVIEW);
  const branch = await requireBranch(ports, params.orgId, params.branchId);
  const service = await requireService(ports, params.orgId, params.serviceId);
  const { qrCode } = await organisations.qrCodeFor({
    qrCode: newQrCode(),
    orgId: organisation.orgId,
    branchId: branch.branchId,
    serviceId: service.serviceId,
    createdAt: new Date().toISOString(),
  });
  const pdf = await renderPoster(
    {
      qrUrl: `${base}/q/${qrCode}`,
      organisationName: organisation.name,
      branchName: branch.name,
      branchAddress: branch.address,
      serviceName: service.name,
      documentTypes: service.documentTypes,
      verifyUrl: `${base}/verify`,
    },
    { assetsDir: config.PDF_ASSETS_DIR },
  );
  return reply.bytes(200, 'application/pdf', pdf, {
    'content-disposition': `attachment; filename="docshare-poster-${branch.branchId}-${service.serviceId}.pdf"`,
    'cache-control': 'no-store',
  });
});
