import { resendVerification as resend } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { resendVerification } from './routes';
import { branchView } from './views';

const ports = managePorts();

export const handler = http(resendVerification, async ({ citizen, params }) =>
  branchView(await resend(ports, citizen.citizenId, params.orgId, params.branchId)),
);
