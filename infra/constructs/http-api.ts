import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpApi, type HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/http/route';

// The API Gateway HTTP API (v2). Routes come from the route specs in functions/*/routes.ts, so the
// method and path written there are the ones deployed, served locally and documented in OpenAPI.
export class DocshareHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'docshare partner, citizen and public API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  addRoute(route: RouteSpec, handler: IFunction): void {
    const integration = new HttpLambdaIntegration(`${route.operationId}Integration`, handler);
    const routes = this.api.addRoutes({
      path: route.path,
      methods: [route.method as HttpMethod],
      integration,
    });
    for (const created of routes) {
      Validations.of(created).acknowledge(
        ...[
          {
            id: 'AwsSolutions-APIG4',
            reason:
              'Authentication happens in the Lambda (functions/http/authenticate.ts) so that failures are RFC 9457 problem+json: partner API keys are looked up by hash, citizen JWTs verified against the configured issuer and JWKS. Public routes are public by design.',
          },
        ],
      );
    }
  }
}
