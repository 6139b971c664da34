/* Kios Waspada, overlays: the touch that dismisses an overlay (the "Masih di sini?" question,
 * a glossary meaning, the on-screen keyboard) ends there. Without this, the finger that
 * closes the overlay on pointerdown lifts over whatever lay beneath it, and the click that
 * follows presses that: a quiz answer is sent, Lapor opens.
 *
 * window.kioskOverlay.swallow(event) is called by the overlay's own pointerdown handler; it
 * stops that pointerdown and every event of the same touch (touchend, mouse events, click).
 * The next pointerdown is a new touch and goes through as usual.
 */
(function () {
  "use strict";
  if (window.kioskOverlay) { return; }  /* a page may load it twice (the number pad's assets) */
  var swallowing = false;

  function stop(event) {
    if (!swallowing) { return; }
    if (event.cancelable) { event.preventDefault(); }
    event.stopImmediatePropagation();
    if (event.type === "click") { swallowing = false; }
  }

  /* Registered first (this script comes before the others), so a new touch clears the flag
   * before any overlay decides to swallow it. */
  window.addEventListener("pointerdown", function () { swallowing = false; }, true);
  ["pointerup", "touchend", "mousedown", "mouseup", "click", "auxclick"].forEach(function (type) {
    window.addEventListener(type, stop, { capture: true, passive: false });
  });

  window.kioskOverlay = {
    swallow: function (event) {
      swallowing = true;
      if (event) {
        if (event.cancelable) { event.preventDefault(); }
        event.stopImmediatePropagation();
      }
    }
  };
})();
