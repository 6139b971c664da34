/* Kios Waspada, the search box's clear button: one tap empties the box (the on-screen
 * keyboard's Hapus takes one letter at a time) and leaves the keyboard ready for new words.
 * Shown only while there is something to clear.
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-search-clear]").forEach(function (button) {
    var input = button.form && button.form.querySelector("input[name=q]");
    if (!input) { return; }

    function update() { button.hidden = input.value === ""; }

    button.addEventListener("click", function () {
      input.value = "";
      /* An "input" event, as typing makes: the suggestions follow. */
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "deleteContent" }));
      input.focus();
    });
    input.addEventListener("input", update);
    update();
  });
})();
