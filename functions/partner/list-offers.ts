import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { requireBranch } from '../core/partners/branches';
import { http } from '../http/handler';
import { listOffers } from './routes';
import { offerView } from './views';

export const handler = http(listOffers, async ({ partner, params, query }) => {
  await requireBranch(dynamoBranchStore, partner.partnerId, params.branchId);
  const page = await dynamoBranchStore.listOffers(partner.partnerId, params.branchId, query);
  return { items: page.items.map(offerView), nextCursor: page.nextCursor };
});
