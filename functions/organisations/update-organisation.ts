import { updateOrganisation as update } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { updateOrganisation } from './routes';
import { organisationView } from './views';

const ports = managePorts();

export const handler = http(updateOrganisation, async ({ citizen, params, body }) =>
  organisationView(await update(ports, citizen.citizenId, params.orgId, body)),
);
