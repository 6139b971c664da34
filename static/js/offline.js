/* Kios Waspada, offline page: ask the server every few seconds whether it is back, then show
 * the page that was asked for. The service worker serves this page at that page's address,
 * so reloading it (as a plain GET: a lost form is not sent twice) is all it takes. */
(function () {
  "use strict";
  var page = document.querySelector("[data-ping]");
  if (!page || !window.fetch) { return; }
  var EVERY_MS = 3000;
  var timer = null;
  var asking = false;

  function destination() {
    /* Opened as /offline itself (not in place of another page): go to the home screen. */
    return location.pathname === page.getAttribute("data-offline")
      ? page.getAttribute("data-home") : location.href;
  }

  function ask() {
    if (asking) { return; }
    asking = true;
    clearTimeout(timer);
    fetch(page.getAttribute("data-ping"), { cache: "no-store", credentials: "omit" })
      .then(function () {
        location.replace(destination());
      }, function () {
        asking = false;
        timer = setTimeout(ask, EVERY_MS);
      });
  }

  var button = document.querySelector("[data-retry]");
  if (button) { button.addEventListener("click", ask); }
  timer = setTimeout(ask, EVERY_MS);
})();
