/* Kios Waspada service worker: when the kiosk's server does not answer a page, show the
 * kiosk's own "Sebentar…" page (which retries by itself), never the browser's error page.
 *
 * Pages are never cached: lessons change, and a villager must never see another's visit.
 * Only the offline page and the few files it needs are kept. Served from /sw.js so its
 * scope is the whole kiosk; the version changes whenever the offline page or its files do.
 */
"use strict";
var VERSION = {{ version|tojson }};
var CACHE = "kiosk-offline-" + VERSION;
var OFFLINE_URL = {{ offline_url|tojson }};
var PRECACHE = {{ precache|tojson }};
var STATIC = {{ static_prefix|tojson }};

self.addEventListener("install", function (event) {
  if (event.addRoutes) {
    /* Only navigations and the offline page's own files (addresses no other page uses) need
     * this worker. Everything else goes straight to the server: faster, and a page's last
     * word (the reading beacon stats.js sends on pagehide) is not lost with the page. */
    var offlineFiles = { urlPattern: { pathname: STATIC + "*", search: "offline=1" } };
    event.waitUntil(event.addRoutes([
      { condition: { or: [{ requestMode: "navigate" }, offlineFiles] }, source: "fetch-event" },
      { condition: { not: { requestMode: "navigate" } }, source: "network" }
    ]).catch(function () { /* an older browser: the fetch handler below does it all */ }));
  }
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    /* Straight from the server, not from the browser's HTTP cache. */
    return cache.addAll(PRECACHE.map(function (url) {
      return new Request(url, { cache: "reload", credentials: "omit" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("kiosk-offline-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    /* The page is fetched in parallel with starting this worker: no delay for villagers. */
    return self.registration.navigationPreload ? self.registration.navigationPreload.enable()
      : null;
  }).then(function () { return self.clients.claim(); }));
});

function offlinePage() {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(OFFLINE_URL);
  }).then(function (page) { return page || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.mode === "navigate") {
    event.respondWith(Promise.resolve(event.preloadResponse).then(function (preloaded) {
      return preloaded || fetch(request);
    }).catch(offlinePage));
    return;
  }
  if (request.method !== "GET") {
    event.respondWith(fetch(request));  /* only where the routes above are not understood */
    return;
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin &&
      PRECACHE.indexOf(url.pathname + url.search) !== -1 && url.pathname !== OFFLINE_URL) {
    /* The offline page's own files: fresh when the server answers, kept when it does not. */
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(url.pathname + url.search);
      }).then(function (found) { return found || Response.error(); });
    }));
  }
});
