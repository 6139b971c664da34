/* Kios Waspada, attract screen: the one screen that moves by itself. It shows one warning at
 * a time (a calm fade, none with prefers-reduced-motion, see kiosk_mode.css) until the first
 * touch or key, which starts a new visit at the home screen. */
(function () {
  "use strict";
  var EVERY_MS = 7000;
  var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
  var form = document.querySelector("form[data-start]");
  var current = 0;
  var started = false;

  var cycle = slides.length > 1 ? setInterval(function () {
    slides[current].classList.remove("is-current");
    current = (current + 1) % slides.length;
    slides[current].classList.add("is-current");
  }, EVERY_MS) : null;

  function start(event) {
    if (event.type === "keydown" && (event.key === "Tab" || event.key === "Shift")) {
      return;  /* moving the keyboard focus is not a choice to start */
    }
    event.preventDefault();
    if (started) { return; }
    started = true;
    clearInterval(cycle);
    form.submit();
  }

  if (form) {
    document.addEventListener("pointerdown", start);
    document.addEventListener("keydown", start);
    form.addEventListener("submit", function (event) {
      if (started) { event.preventDefault(); }
      started = true;
      clearInterval(cycle);
    });
  }
})();
