// The /docs page's script: Swagger UI (served beside it from /assets/swagger-ui.js, a global script)
// renders the reference from the service's own /openapi.json. No "try it out": a reference page on
// the public origin should not send calls with whatever key a visitor pastes in.

declare const SwaggerUIBundle: (options: Record<string, unknown>) => unknown;

SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#api-reference',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayOperationId: false,
  supportedSubmitMethods: [],
  // No validator badge: it would send the document to validator.swagger.io.
  validatorUrl: null,
});
