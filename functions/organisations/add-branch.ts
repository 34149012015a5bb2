import { addBranch as add } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { addBranch } from './routes';
import { branchView } from './views';

const ports = managePorts();

export const handler = http(addBranch, async ({ citizen, params, body }) =>
  branchView(await add(ports, citizen.citizenId, params.orgId, body)),
);
