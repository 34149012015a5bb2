import { deleteOrganisation as remove } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { deleteOrganisation } from './routes';

const ports = managePorts();

export const handler = http(deleteOrganisation, async ({ citizen, params }) => {
  await remove(ports, citizen.citizenId, params.orgId);
});
