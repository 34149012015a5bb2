import { organisationDetails } from '../core/organisations/manage-organisations';
import { http } from '../http/handler';
import { organisations } from './ports';
import { getOrganisation } from './routes';
import { organisationView } from './views';

export const handler = http(getOrganisation, async ({ citizen, params }) =>
  organisationView(await organisationDetails({ organisations }, citizen.citizenId, params.orgId)),
);
