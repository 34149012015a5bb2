import path from 'node:path';
import { synthesize } from '../../../local/runtime/synth';

// Synthesizes the CDK app once per test run (reused while its inputs are unchanged); every
// integration test file then boots its own local runtime from it, on random ports.
export const TEST_CDK_OUT = path.resolve(import.meta.dirname, '../../../test-output/cdk.out');

export default async function setup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Against a deployment (DOCSHARE_TARGET) there is nothing to synthesize.
  if (!process.env.DOCSHARE_TARGET) await synthesize(TEST_CDK_OUT);
}
