import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { createBranch as create } from '../core/partners/branches';
import { http } from '../http/handler';
import { branchPolicy } from './config';
import { createBranch } from './routes';
import { branchView } from './views';

export const handler = http(createBranch, async ({ partner, body }) =>
  branchView(await create(dynamoBranchStore, partner, body, branchPolicy)),
);
