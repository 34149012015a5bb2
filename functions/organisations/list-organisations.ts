import { http } from '../http/handler';
import { organisations } from './ports';
import { listOrganisations } from './routes';
import { organisationSummaryView } from './views';

export const handler = http(listOrganisations, async ({ citizen, query }) => {
  const page = await organisations.listByOwner(citizen.citizenId, query);
  return { items: page.items.map(organisationSummaryView), nextCursor: page.nextCursor };
});
