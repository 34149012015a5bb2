import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { requireBranch } from '../core/partners/branches';
import { http } from '../http/handler';
import { getBranch } from './routes';
import { branchView } from './views';

export const handler = http(getBranch, async ({ partner, params }) =>
  branchView(await requireBranch(dynamoBranchStore, partner.partnerId, params.branchId)),
);
