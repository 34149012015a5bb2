import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { replaceBranch as replace } from '../core/partners/branches';
import { http } from '../http/handler';
import { branchPolicy } from './config';
import { replaceBranch } from './routes';
import { branchView } from './views';

export const handler = http(replaceBranch, async ({ partner, params, body }) =>
  branchView(await replace(dynamoBranchStore, partner, params.branchId, body, branchPolicy)),
);
