/* Kios Waspada, lesson pages: a big "Lanjut" button for a villager who does not think to
 * scroll. Each tap moves the lesson up by a screenful (keeping a few lines to read on from);
 * it goes away once the lesson's end (its quiz and the next lesson, #akhir) is in view.
 * Without script it is hidden; as a plain link it would jump to the end.
 */
(function () {
  "use strict";
  var button = document.querySelector("[data-read-on]");
  var end = document.getElementById("akhir");
  if (!button || !end) { return; }
  var dock = document.querySelector(".dock");

  function floor() {
    return dock ? dock.getBoundingClientRect().top : window.innerHeight;
  }

  function endInView() {
    return end.getBoundingClientRect().bottom <= floor() + 1;
  }

  function update() {
    button.hidden = endInView();
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    var box = end.getBoundingClientRect();
    var step = floor() - 120;  /* a screenful less the last lines, read again */
    /* Never past the end: its bottom stops just above the dock. */
    var toEnd = box.bottom - floor() + 16;
    window.scrollBy({ top: Math.max(0, Math.min(step, toEnd)), behavior: "instant" });
    update();
  });
  window.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);
  /* A glossary meaning opening or closing moves the end. The touch that closes one may be
   * swallowed, click and all (overlay.js): closing says so itself. */
  document.addEventListener("click", function () { requestAnimationFrame(update); });
  document.addEventListener("kiosk:overlayclosed", function () { requestAnimationFrame(update); });
  update();
})();
