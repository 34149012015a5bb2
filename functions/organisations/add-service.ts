import { addService as add } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { addService } from './routes';
import { serviceView } from './views';

const ports = managePorts();

export const handler = http(addService, async ({ citizen, params, body }) =>
  serviceView(await add(ports, citizen.citizenId, params.orgId, body)),
);
