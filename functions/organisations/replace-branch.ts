import { replaceBranch as replace } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { replaceBranch } from './routes';
import { branchView } from './views';

const ports = managePorts();

export const handler = http(replaceBranch, async ({ citizen, params, body }) =>
  branchView(await replace(ports, citizen.citizenId, params.orgId, params.branchId, body)),
);
