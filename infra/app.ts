import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageOf } from './config/stage';
import { DocshareStack } from './stacks/docshare-stack';

// `-c stage=<name>` picks the stage (infra/config/stage.ts; default dev). `docshare:local=true`
// (set by the local runtime) adds the dev identity provider's routes; the prod stage refuses them.
const app = new App();
const localRuntime = app.node.tryGetContext('docshare:local') === 'true';
const stage = stageOf(app.node.tryGetContext('stage'));
new DocshareStack(app, stage.stackName, { localRuntime, stage });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
