import path from 'node:path';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { projectRoot } from './docshare-function';

/** Where the layer's files appear inside a Lambda (layers unpack under /opt). */
export const PDF_ASSETS_DIR = '/opt/pdf-assets';

// Fonts and other binary assets for rendering PDFs, shipped as files (never base64 inside a bundle)
// so bundles stay small and fonts are read once per container.
export class PdfAssetsLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.layer = new LayerVersion(this, 'Layer', {
      // The zip must contain `pdf-assets/…` so that files land in /opt/pdf-assets.
      code: Code.fromAsset(path.join(projectRoot, 'layers')),
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      compatibleArchitectures: [Architecture.ARM_64],
      description: 'docshare PDF assets: Unicode fonts with Cyrillic',
    });
  }
}
