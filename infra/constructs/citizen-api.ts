import { Construct } from 'constructs';
import * as routes from '../../functions/citizen/routes';
import type { RouteSpec } from '../../functions/http/route';
import type { SharedResources } from '../stacks/docshare-stack';
import { routeFunction } from './route-function';

// The citizen API (JWT authenticated): profile, documents, barcodes, PIN.
export class CitizenApi extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    const env = { TABLE_NAME: data.table.tableName, ...data.keyEnvironment, ...shared.citizenAuth };
    const route = (spec: RouteSpec, entry: string, access: 'read' | 'readWrite', opensDocuments = false) => {
      const fn = routeFunction(this, shared, spec, entry, { environment: env, tableAccess: access });
      if (opensDocuments) data.grantDocuments(fn, 'open');
      return fn;
    };
    route(routes.getMe, 'citizen/get-me', 'read', true);
    route(routes.listDocuments, 'citizen/list-documents', 'read', true);
    route(routes.getDocument, 'citizen/get-document', 'read', true);
    route(routes.createBarcode, 'citizen/create-barcode', 'readWrite');
    shared.macKey.grantGenerateMac(route(routes.putPin, 'citizen/put-pin', 'readWrite'));
  }
}
