/* Kios Waspada, kiosk mode: what keeps an unattended screen safe for the next villager.
 *
 * - Idle reset: after data-idle-seconds (on <body>) without a touch, "Masih di sini?" counts
 *   down data-idle-countdown seconds; then the visit ends (stats summary, the server forgets
 *   the session) and the attract screen is shown. No data-idle-seconds, no reset.
 *   A page reading aloud (listen.js) is in use: it cancels "kiosk:idle" and sends
 *   "kiosk:activity" when it stops; "kiosk:reset" on the document stops it at the reset.
 * - Lockdown: no link, form or window leaves the kiosk's own pages; no context menu, no
 *   dragging links or pictures out.
 * - The service worker that shows the kiosk's own page when the server does not answer.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var body = document.body;

  /* -- lockdown ------------------------------------------------------------------------ */

  function isOurs(url) {
    try {
      var target = new URL(url, location.href);
      return target.origin === location.origin;
    } catch (e) {
      return false;
    }
  }

  /* Links: another origin, another scheme (tel:, mailto:, file:) or another window are
   * refused; the kiosk PC cannot call anyone, and a new window has no way back. */
  function guardLink(event) {
    var link = event.target.closest && event.target.closest("a[href], area[href]");
    if (!link) { return; }
    if (!isOurs(link.href)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var wantsNewWindow = event.type === "auxclick" || event.ctrlKey || event.shiftKey ||
      event.metaKey || (link.target && link.target !== "_self");
    if (wantsNewWindow && !event.defaultPrevented) {
      event.preventDefault();
      if (event.type === "click") { location.assign(link.href); }
    }
  }
  document.addEventListener("click", guardLink, true);
  document.addEventListener("auxclick", guardLink, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var action = (event.submitter && event.submitter.getAttribute("formaction")) ||
      form.getAttribute("action") || location.href;
    var target = (event.submitter && event.submitter.getAttribute("formtarget")) || form.target;
    if (!isOurs(action) || (target && target !== "_self")) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  window.open = function () { return null; };

  /* An editor may want to paste into the officer area's text boxes; nobody else needs it. */
  document.addEventListener("contextmenu", function (event) {
    if (!(body.classList.contains("officer") && event.target.closest("textarea"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("dragstart", function (event) {
    if (!event.target.closest || !event.target.closest("input, textarea")) {
      event.preventDefault();
    }
  });

  /* -- the offline page ---------------------------------------------------------------- */

  var worker = script && script.getAttribute("data-service-worker");
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {
      /* Not served from localhost or https: the browser's own error page it is. */
    });
  }

  /* -- idle reset ---------------------------------------------------------------------- */

  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var dialog = document.querySelector("dialog[data-idle]");
  if (!(idleSeconds > 0) || !dialog || typeof dialog.showModal !== "function") { return; }
  var countdownSeconds = parseInt(body.getAttribute("data-idle-countdown"), 10) || 15;
  var counter = dialog.querySelector("[data-idle-count]");
  var resetUrl = script.getAttribute("data-reset");
  var attractUrl = script.getAttribute("data-attract");
  var lastActivity = performance.now();
  var idleTimer = null;
  var tick = null;
  var left = 0;
  var ending = false;

  function armIdleTimer() {
    clearTimeout(idleTimer);
    var wait = idleSeconds * 1000 - (performance.now() - lastActivity);
    idleTimer = setTimeout(function () {
      /* Touches only move lastActivity; the timer checks it when it fires. */
      if (performance.now() - lastActivity >= idleSeconds * 1000 - 50) {
        /* Someone listening to a lesson touches nothing, and may not read the question. */
        var idle = new Event("kiosk:idle", { cancelable: true });
        if (document.dispatchEvent(idle)) {
          askIfStillHere();
        } else {
          lastActivity = performance.now();
          armIdleTimer();
        }
      } else {
        armIdleTimer();
      }
    }, Math.max(wait, 50));
  }

  function askIfStillHere() {
    left = countdownSeconds;
    counter.textContent = String(left);
    dialog.showModal();
    tick = setInterval(function () {
      left -= 1;
      counter.textContent = String(Math.max(left, 0));
      if (left <= 0) { endVisit(); }
    }, 1000);
  }

  function stillHere() {
    if (ending) { return; }
    lastActivity = performance.now();
    if (dialog.open) {
      clearInterval(tick);
      dialog.close();
      armIdleTimer();
    }
  }

  function endVisit() {
    if (ending) { return; }
    ending = true;
    clearInterval(tick);
    document.dispatchEvent(new Event("kiosk:reset"));
    if (window.kioskStats) { window.kioskStats.endVisit(); }
    var go = function () { location.replace(attractUrl); };
    /* The attract screen's first touch ends the visit on the server again, so a reset
     * whose request is lost still leaves nothing behind for the next villager. */
    fetch(resetUrl, {
      method: "POST",
      headers: { "X-Kiosk-Reset": "1" },
      credentials: "same-origin",
      keepalive: true
    }).then(go, go);
  }

  /* The touch that answers the question (on "Ya, lanjutkan" or anywhere on the dimmed
   * page) ends there: it must not press what lies under the dialog once it closes. */
  document.addEventListener("pointerdown", function (event) {
    if (dialog.open && !ending && window.kioskOverlay) { window.kioskOverlay.swallow(event); }
    stillHere();
  }, true);
  ["touchstart", "keydown", "wheel", "input"].forEach(function (type) {
    document.addEventListener(type, stillHere, { capture: true, passive: true });
  });
  window.addEventListener("scroll", stillHere, { capture: true, passive: true });
  document.addEventListener("kiosk:activity", stillHere);
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();  /* Esc is a key press: it means "still here" */
    stillHere();
  });
  dialog.querySelector("[data-idle-continue]").addEventListener("click", stillHere);
  /* A page brought back from the back-forward cache starts counting afresh. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    ending = false;
    clearInterval(tick);
    if (dialog.open) { dialog.close(); }
    lastActivity = performance.now();
    armIdleTimer();
  });
  armIdleTimer();
})();
