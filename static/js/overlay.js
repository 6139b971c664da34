/* Kios Waspada, overlays: the touch that dismisses an overlay (the "Masih di sini?" question,
 * a glossary meaning, the on-screen keyboard) must not press anything the villager could not
 * see or aim at. Without this, the finger that closes the overlay on pointerdown lifts over
 * whatever lay beneath it, or over what slid under it as the overlay closed, and the click
 * that follows presses that: a quiz answer is sent, Lapor opens.
 *
 * window.kioskOverlay.swallow(event) stops that pointerdown and every event of the same touch
 * (touchend, mouse events, click). The next pointerdown is a new touch and goes through.
 *
 * window.kioskOverlay.dismiss(event, close, covered) closes an overlay on a touch outside it
 * and swallows the touch only when it must: when ``covered`` (the overlay lay over the spot),
 * or when the touched element moved as the overlay closed. The dock, "Lanjut" and the top bar
 * never move and were never covered: a tap on them does what it says, in one tap. So does a
 * tile in sight above the keyboard, or a link above an open meaning.
 *
 * Every overlay that closes says so with a "kiosk:overlayclosed" event on the document, so
 * what depends on the page's height ("Lanjut") looks again.
 */
(function () {
  "use strict";
  if (window.kioskOverlay) { return; }  /* a page may load it twice (the number pad's assets) */
  var swallowing = false;
  var CHROME = ".dock, .read-on, .listen-float, .topbar";

  function stop(event) {
    if (!swallowing) { return; }
    if (event.cancelable) { event.preventDefault(); }
    event.stopImmediatePropagation();
    if (event.type === "click") { swallowing = false; }
  }

  /* Registered first (this script comes before the others), so a new touch clears the flag
   * before any overlay decides to swallow it. */
  window.addEventListener("pointerdown", function () { swallowing = false; }, true);
  /* The swallowed touch's touchend is cancelled, so its click (which clears the flag) never
   * comes: clear it once the touch's own events are done, and on any key, or an officer's
   * Enter on a focused tile would be eaten as that missing click. */
  function later() { setTimeout(function () { swallowing = false; }, 0); }
  window.addEventListener("pointerup", later, true);
  window.addEventListener("pointercancel", later, true);
  window.addEventListener("keydown", function () { swallowing = false; }, true);
  ["pointerup", "touchend", "mousedown", "mouseup", "click", "auxclick"].forEach(function (type) {
    window.addEventListener(type, stop, { capture: true, passive: false });
  });

  function swallow(event) {
    swallowing = true;
    if (event) {
      if (event.cancelable) { event.preventDefault(); }
      event.stopImmediatePropagation();
    }
  }

  function closed() {
    document.dispatchEvent(new CustomEvent("kiosk:overlayclosed"));
  }

  window.kioskOverlay = {
    swallow: swallow,
    closed: closed,
    dismiss: function (event, close, covered) {
      var target = event.target;
      var chrome = target.closest && target.closest(CHROME);
      var before = target.getBoundingClientRect();
      var scrolled = window.scrollY;
      close();
      closed();
      if (covered) { swallow(event); return; }
      if (chrome) { return; }
      /* Reading the box lays the page out again: a shift or a clamped scroll shows now. */
      var after = target.getBoundingClientRect();
      if (Math.abs(after.top - before.top) > 1 || Math.abs(after.left - before.left) > 1 ||
          Math.abs(window.scrollY - scrolled) > 1) {
        swallow(event);
      }
    }
  };
})();
