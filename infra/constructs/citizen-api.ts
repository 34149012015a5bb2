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
    const env = { TABLE_NAME: data.table.tableName, DATA_KEY_ID: data.dataKey.keyId, ...shared.citizenAuth };
    const route = (
      spec: RouteSpec,
      entry: string,
      access: 'read' | 'readWrite',
      keyActions: string[] = [],
    ) => {
      const fn = routeFunction(this, shared, spec, entry, { environment: env, tableAccess: access });
      if (keyActions.length > 0) data.dataKey.grant(fn, ...keyActions);
      return fn;
    };
    route(routes.getMe, 'citizen/get-me', 'read', ['kms:Decrypt']);
    route(routes.listDocuments, 'citizen/list-documents', 'read');
    route(routes.getDocument, 'citizen/get-document', 'read', ['kms:Decrypt']);
    route(routes.createBarcode, 'citizen/create-barcode', 'readWrite');
    shared.macKey.grantGenerateMac(route(routes.putPin, 'citizen/put-pin', 'readWrite'));
  }
}
