import { verifyBranchEmail } from '../core/organisations/email-verification';
import { http } from '../http/handler';
import { organisations } from './ports';
import { verifyEmail } from './routes';

export const handler = http(verifyEmail, async ({ params }) =>
  verifyBranchEmail(organisations, params.token),
);
