import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DocshareStack } from './stacks/docshare-stack';

// `docshare:local=true` (set by the local runtime) adds the dev identity provider's routes; the
// deployed stack never has them.
const app = new App();
const localRuntime = app.node.tryGetContext('docshare:local') === 'true';
new DocshareStack(app, 'Docshare', { localRuntime });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
