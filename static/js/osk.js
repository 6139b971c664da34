/* Kios Waspada, on-screen keyboard: the kiosk's screen may have no keyboard at all.
 *
 * It opens under any input marked data-osk when that input gets the focus, and types into it
 * the way a real keyboard does (an "input" event per key, so search suggestions follow).
 * The keys come from the <template id="osk-template"> in the page, translated there.
 */
(function () {
  "use strict";
  var template = document.getElementById("osk-template");
  if (!template || !document.querySelector("[data-osk]")) { return; }

  var keyboard = template.content.firstElementChild.cloneNode(true);
  var target = null;
  document.body.appendChild(keyboard);

  document.querySelectorAll("[data-osk]").forEach(function (input) {
    input.inputMode = "none";  /* no second, system keyboard on a touch screen */
  });

  function type(text) {
    var start = target.selectionStart;
    var end = target.selectionEnd;
    if (start === null) {
      start = end = target.value.length;  /* an input type without a caret position */
    }
    var max = target.maxLength > 0 ? target.maxLength : Infinity;
    if (text && target.value.length - (end - start) + text.length > max) { return; }
    if (!text && start === end) {
      if (start === 0) { return; }
      start -= 1;  /* backspace: the character before the caret */
    }
    target.setRangeText(text, start, end, "end");
    target.dispatchEvent(new InputEvent("input", {
      bubbles: true,
      inputType: text ? "insertText" : "deleteContentBackward",
      data: text || null
    }));
  }

  function press(key) {
    var action = key.getAttribute("data-action");
    if (action === "close") {
      close();
      if (target) { target.blur(); }
      return;
    }
    if (!target) { return; }
    if (action === "backspace") {
      type("");
    } else if (action === "enter") {
      if (target.form) {
        close();
        target.form.requestSubmit();
      }
    } else {
      type(key.getAttribute("data-key"));
    }
    if (document.activeElement !== target) { target.focus({ preventScroll: true }); }
  }

  /* Keep the caret where it is: a key must never take the focus from the input. */
  keyboard.addEventListener("pointerdown", function (event) {
    if (event.target.closest("button")) { event.preventDefault(); }
  });
  keyboard.addEventListener("mousedown", function (event) { event.preventDefault(); });
  keyboard.addEventListener("click", function (event) {
    var key = event.target.closest("button");
    if (key) { press(key); }
  });

  function open(input) {
    target = input;
    var search = (input.getAttribute("enterkeyhint") || "") === "search";
    keyboard.querySelectorAll("[data-enter]").forEach(function (label) {
      label.hidden = (label.getAttribute("data-enter") === "search") !== search;
    });
    keyboard.hidden = false;
    document.documentElement.classList.add("osk-open");
    document.documentElement.style.setProperty("--osk-height", keyboard.offsetHeight + "px");
    uncover(input);
  }

  function close() {
    keyboard.hidden = true;
    document.documentElement.classList.remove("osk-open");
  }

  /* The input, and the suggestions under it, stay above the keyboard. */
  function uncover(input) {
    var box = input.getBoundingClientRect();
    var visibleBottom = window.innerHeight - keyboard.offsetHeight;
    var margin = 16;
    if (box.top < margin || box.bottom > visibleBottom - 4 * box.height) {
      /* Its form's label too, so the villager still reads what the box is for. */
      var top = (input.form || input).getBoundingClientRect().top;
      window.scrollBy(0, Math.min(top, box.top) - margin);
    }
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-osk]")) {
      open(event.target);
    }
  });
  /* The focus leaving for a part of the box's own form (a suggestion, Cari) keeps the keys
   * up: the tap is about to go there, and the page must not jump under the finger first. */
  document.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    var stays = next && (keyboard.contains(next) || next.matches("[data-osk]") ||
                         (target && target.form && target.form.contains(next)));
    if (event.target === target && !stays) {
      close();
    }
  });
  /* A touch outside the keyboard and outside its input's form (the box, its suggestions,
   * its button) closes the keyboard. What the villager saw above it goes on to be pressed,
   * unless the page moves as the keyboard's room goes (overlay.js): then nothing is. */
  document.addEventListener("pointerdown", function (event) {
    if (keyboard.hidden || !target || !event.target.closest) { return; }
    if (keyboard.contains(event.target) || event.target.closest("[data-osk]")) { return; }
    if (target.form && target.form.contains(event.target)) { return; }
    var input = target;
    function shut() { close(); input.blur(); }
    if (window.kioskOverlay) {
      window.kioskOverlay.dismiss(event, shut, false);
    } else {
      shut();
    }
  }, true);
  /* A tap on an input that already has the focus (after Tutup) opens the keyboard again. */
  document.addEventListener("pointerdown", function (event) {
    var input = event.target.closest && event.target.closest("[data-osk]");
    if (input && input === document.activeElement && keyboard.hidden) { open(input); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !keyboard.hidden) { close(); }
  });
  window.addEventListener("resize", function () {
    if (!keyboard.hidden) {
      document.documentElement.style.setProperty("--osk-height", keyboard.offsetHeight + "px");
    }
  });
  /* An input that has the focus from the start (autofocus on /cari) has the keyboard open. */
  if (document.activeElement && document.activeElement.matches("[data-osk]")) {
    open(document.activeElement);
  }
  /* Back from the back-forward cache: the keyboard opens again only when asked. */
  window.addEventListener("pagehide", close);
})();
