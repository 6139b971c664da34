/* Kios Waspada: tells the kiosk what only the page knows, with nothing that names anyone.
 *
 * - On a lesson page, when the page is left or hidden: how long it was on screen and how far
 *   it was scrolled (the server keeps only buckets of both).
 * - A visit's summary (pages seen, seconds) when the visit ends. The kiosk-mode idle reset
 *   calls window.kioskStats.endVisit(); the next page shown starts a new visit.
 *
 * The visit's running count lives in sessionStorage only until endVisit(); it holds no id.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-endpoint")) || "/peristiwa";
  var VISIT_KEY = "kioskVisit";
  var MAX_SECONDS = 24 * 3600;

  function send(event) {
    var body = JSON.stringify(event);
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) {
        return;
      }
      fetch(endpoint, { method: "POST", body: body, keepalive: true, credentials: "omit" });
    } catch (e) {
      /* Counting must never disturb the villager. */
    }
  }

  /* -- the visit --------------------------------------------------------------------- */

  function readVisit() {
    try {
      var visit = JSON.parse(sessionStorage.getItem(VISIT_KEY));
      if (visit && typeof visit.start === "number" && typeof visit.pages === "number") {
        return visit;
      }
    } catch (e) { /* no storage or a broken value: start afresh */ }
    return null;
  }

  function countPage() {
    var visit = readVisit() || { start: Date.now(), pages: 0 };
    visit.pages += 1;
    try { sessionStorage.setItem(VISIT_KEY, JSON.stringify(visit)); } catch (e) { /* ignore */ }
  }

  function endVisit() {
    var visit = readVisit();
    try { sessionStorage.removeItem(VISIT_KEY); } catch (e) { /* ignore */ }
    if (!visit || visit.pages < 1) {
      return;
    }
    var seconds = Math.round((Date.now() - visit.start) / 1000);
    send({
      kind: "visit",
      pages: Math.min(visit.pages, 10000),
      seconds: Math.max(0, Math.min(seconds, MAX_SECONDS))
    });
  }

  /* The officer area is not part of a villager's visit. */
  var counted = !document.body.classList.contains("officer");
  if (counted) {
    countPage();
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { countPage(); }  /* back to a page kept in memory */
    });
  }

  /* -- reading a lesson ---------------------------------------------------------------- */

  /* An officer's preview of a lesson (the web editor) is no villager reading it. */
  var article = counted ? document.querySelector("article.lesson[data-slug]") : null;
  if (article) {
    var shownMs = 0;
    var since = document.hidden ? null : performance.now();
    var deepest = 0;
    var sent = false;
    var pending = false;

    var measure = function () {
      pending = false;
      var box = article.getBoundingClientRect();
      var seen = box.height > 0 ? (window.innerHeight - box.top) / box.height * 100 : 100;
      deepest = Math.max(deepest, Math.min(100, Math.max(0, seen)));
    };
    var pause = function () {
      if (since !== null) {
        shownMs += performance.now() - since;
        since = null;
      }
    };
    var report = function () {
      pause();
      if (sent) { return; }
      sent = true;
      send({
        kind: "lesson_read",
        lesson: article.getAttribute("data-slug"),
        lang: article.getAttribute("lang"),
        seconds: Math.min(Math.round(shownMs / 1000), MAX_SECONDS),
        scrolled: Math.round(deepest)
      });
    };

    measure();
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(measure);
      }
    }, { passive: true });
    window.addEventListener("resize", measure, { passive: true });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        report();
      } else if (since === null) {
        since = performance.now();
      }
    });
    window.addEventListener("pagehide", report);
  }

  window.kioskStats = { endVisit: endVisit };
})();
