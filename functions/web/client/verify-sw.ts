// The /verify page's service worker (served as /assets/verify-sw.js, scope /verify): after one visit
// the page, its script and style sheet and the verification keys come from this cache when the
// network is off, so a verifier at a desk without signal still checks a copy's QR. Online it always
// goes to the network first and refreshes the cache, so keys and code never go stale while online.

// The DOM library (the pages' tsconfig) has no service-worker types; the few members used, typed here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const worker = globalThis as unknown as WorkerScope;

const CACHE = 'docshare-verify-v1';
const OFFLINE_COPIES = [
  '/verify',
  '/verify?lang=en',
  '/assets/verify.js',
  '/assets/app.css',
  '/.well-known/jwks.json',
];

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE_COPIES))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  const key = url.pathname + url.search;
  if (!OFFLINE_COPIES.includes(key)) return;
  event.respondWith(networkFirst(event.request, key));
});

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}
