import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { deleteBranch as remove } from '../core/partners/branches';
import { http } from '../http/handler';
import { deleteBranch } from './routes';

export const handler = http(deleteBranch, async ({ partner, params }) => {
  await remove(dynamoBranchStore, partner.partnerId, params.branchId);
});
