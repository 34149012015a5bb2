import { presignedDownload } from '../adapters/s3/presigned-download';
import { openDownloadLink } from '../core/organisations/download-links';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { downloadLinks } from './ports';
import { downloadCopies } from './routes';

// The page's button (POST): the one-time link is used up here, then a 5-minute S3 URL of the ZIP (too
// large to pass through Lambda); 303 so the browser follows with a GET.
export const handler = http(downloadCopies, async ({ params }) => {
  const link = await openDownloadLink(downloadLinks, params.token);
  const location = await presignedDownload(link.objectKey, `docshare-${link.requestId}.zip`);
  return reply.redirect(location, 303, { 'cache-control': 'no-store' });
});
