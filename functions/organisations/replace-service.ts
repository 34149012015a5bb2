import { replaceService as replace } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { replaceService } from './routes';
import { serviceView } from './views';

const ports = managePorts();

export const handler = http(replaceService, async ({ citizen, params, body }) =>
  serviceView(await replace(ports, citizen.citizenId, params.orgId, params.serviceId, body)),
);
