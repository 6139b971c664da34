/* Kios Waspada, lesson pages: a framed term shows what it means right where it is read.
 *
 * A tap on a term (button.term) opens its meaning below the sentence (the element its
 * aria-controls names); a second tap, a tap anywhere else, or Esc closes it. One meaning is
 * open at a time, and opening one brings it into view above the dock. Nothing else moves.
 */
(function () {
  "use strict";
  var open = null;  /* the term whose meaning is shown */

  function meaningOf(term) {
    return document.getElementById(term.getAttribute("aria-controls"));
  }

  function close() {
    if (!open) { return; }
    var meaning = meaningOf(open);
    open.setAttribute("aria-expanded", "false");
    if (meaning) { meaning.hidden = true; }
    open = null;
  }

  function show(term) {
    var meaning = meaningOf(term);
    if (!meaning) { return; }
    close();
    term.setAttribute("aria-expanded", "true");
    meaning.hidden = false;
    open = term;
    /* Its scroll-margin keeps it clear of the dock; "nearest" leaves it be when in view. */
    meaning.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("button.term");
    if (term) {
      if (term === open) { close(); } else { show(term); }
    } else {
      close();  /* a click elsewhere, the meaning itself included */
    }
  });

  /* A touch elsewhere while a meaning is open closes it. What lies above the meaning, and the
   * dock, stay where they were: a tap there goes on to press it. A tap on the meaning, or on
   * what moves up as it closes, only closes it (overlay.js). Another term opens. */
  document.addEventListener("pointerdown", function (event) {
    if (!open) { return; }
    var term = event.target.closest && event.target.closest("button.term");
    if (term) { return; }
    var meaning = meaningOf(open);
    var covered = !!(meaning && meaning.contains(event.target));
    if (window.kioskOverlay) {
      window.kioskOverlay.dismiss(event, close, covered);
    } else {
      close();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var term = open;
      close();
      term.focus();
    }
  });

  /* A page brought back from the back-forward cache starts with every meaning closed. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { close(); }
  });
})();
