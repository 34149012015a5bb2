import { deleteBranch as remove } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { deleteBranch } from './routes';

const ports = managePorts();

export const handler = http(deleteBranch, async ({ citizen, params }) => {
  await remove(ports, citizen.citizenId, params.orgId, params.branchId);
});
