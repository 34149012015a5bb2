import { registerOrganisation as register } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { managePorts } from './ports';
import { registerOrganisation } from './routes';
import { organisationView } from './views';

const ports = managePorts();

export const handler = http(registerOrganisation, async ({ citizen, body }) => {
  const { organisation, branches, services } = await register(ports, citizen.citizenId, body);
  return organisationView({ organisation, branches, services });
});
