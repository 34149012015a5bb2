import type { Organisation, OrgBranch, OrgService } from '../core/organisations/organisation';

// What the owner sees of their records (owner ids and internal keys left out).
export const branchView = ({ orgId: _orgId, ...branch }: OrgBranch) => branch;
export const serviceView = ({ orgId: _orgId, ...service }: OrgService) => service;
export const organisationSummaryView = ({
  ownerId: _ownerId,
  notices: _notices,
  ...organisation
}: Organisation) => organisation;
export const organisationView = (details: {
  organisation: Organisation;
  branches: OrgBranch[];
  services: OrgService[];
}) => ({
  ...organisationSummaryView(details.organisation),
  branches: details.branches.map(branchView),
  services: details.services.map(serviceView),
  notices: details.organisation.notices ?? [],
});
