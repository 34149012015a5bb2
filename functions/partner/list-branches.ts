import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { http } from '../http/handler';
import { listBranches } from './routes';
import { branchView } from './views';

export const handler = http(listBranches, async ({ partner, query }) => {
  const page = await dynamoBranchStore.listBranches(partner.partnerId, query);
  return { items: page.items.map(branchView), nextCursor: page.nextCursor };
});
