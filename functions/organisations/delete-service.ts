import { deleteService as remove } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { deleteService } from './routes';

const ports = managePorts();

export const handler = http(deleteService, async ({ citizen, params }) => {
  await remove(ports, citizen.citizenId, params.orgId, params.serviceId);
});
