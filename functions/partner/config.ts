import * as z from 'zod';
import { resolveHost } from '../adapters/dns/resolve-host';
import { readEnv } from '../config/env';

const env = readEnv({ ALLOW_LOOPBACK_CALLBACKS: z.enum(['true', 'false']).default('false') });

export const branchPolicy = { allowLoopbackCallbacks: env.ALLOW_LOOPBACK_CALLBACKS === 'true', resolveHost };
