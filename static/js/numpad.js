/* Kios Waspada, number pad: big digit keys for the officer's PIN and the presenter's counts,
 * on a touch screen that has no keyboard (templates/_numpad.html makes the keys).
 *
 * A pad with data-numpad-for is always shown and types into that one input (the PIN; its
 * keys never light up and never take the focus). A pad without it opens beside whichever
 * input marked data-numpad-input has the focus, and closes when the focus leaves. OK submits
 * the input's form, or only closes the pad where the input says data-numpad-input="fill".
 */
(function () {
  "use strict";
  var pads = document.querySelectorAll("[data-numpad]");
  if (!pads.length) { return; }
  var GAP = 8;  /* px between a floating pad, its input and the screen's edges */

  function type(input, digit) {
    var value = input.value;
    if (digit === null) {
      if (!value) { return; }
      value = value.slice(0, -1);
    } else {
      if (input.maxLength > 0 && value.length >= input.maxLength) { return; }
      value = input.type === "number" && value === "0" ? digit : value + digit;
      if (input.max !== "" && Number(value) > Number(input.max)) { return; }
    }
    input.value = value;
    input.dispatchEvent(new InputEvent("input", {
      bubbles: true, inputType: digit === null ? "deleteContentBackward" : "insertText",
      data: digit
    }));
  }

  function wire(pad, target, done) {
    /* A key must never take the focus from the input (nor show a focus ring to onlookers). */
    pad.addEventListener("pointerdown", function (event) {
      if (event.target.closest("button")) { event.preventDefault(); }
    });
    pad.addEventListener("mousedown", function (event) { event.preventDefault(); });
    pad.addEventListener("click", function (event) {
      var key = event.target.closest("button");
      var input = target();
      if (!key || !input) { return; }
      var action = key.getAttribute("data-pad");
      if (action === "backspace") {
        type(input, null);
      } else if (action === "ok" || action === "close") {
        done(input, action);
      } else {
        type(input, key.getAttribute("data-digit"));
      }
    });
  }

  /* -- a pad for one input, always shown: the PIN --------------------------------------- */

  function fixed(pad) {
    var input = document.getElementById(pad.getAttribute("data-numpad-for"));
    if (!input) { return; }
    input.inputMode = "none";  /* no system keyboard over the pad on a touch screen */
    pad.hidden = false;
    if (input.form) { input.form.classList.add("has-numpad"); }
    wire(pad, function () { return input; }, function (field) {
      if (field.form) { field.form.requestSubmit(); }
    });
  }

  /* -- one pad that opens at the input in use: counts ------------------------------------ */

  function floating(pad) {
    var inputs = document.querySelectorAll("[data-numpad-input]");
    if (!inputs.length) { return; }
    var current = null;
    inputs.forEach(function (input) { input.inputMode = "none"; });

    /* The pad stays above the kiosk's dock (Kembali, Beranda, Lapor), never over it. */
    function floor() {
      var dock = document.querySelector(".dock");
      var top = dock && dock.getClientRects().length ? dock.getBoundingClientRect().top : Infinity;
      return Math.min(window.innerHeight, top);
    }

    function place(input) {
      /* A modal dialog makes everything outside it inert: the pad goes inside it. */
      var home = input.closest("dialog") || document.body;
      if (pad.parentNode !== home) { home.appendChild(pad); }
      var box = input.getBoundingClientRect();
      var width = pad.offsetWidth;
      var height = pad.offsetHeight;
      var left = Math.min(Math.max(GAP, box.left), window.innerWidth - width - GAP);
      var top = box.bottom + GAP;
      var bottom = floor();
      if (top + height > bottom - GAP) {
        top = box.top - GAP - height;  /* above the input */
        if (top < GAP) {  /* neither fits: beside it */
          top = Math.max(GAP, Math.min(box.top, bottom - height - GAP));
          left = box.right + GAP + width <= window.innerWidth ? box.right + GAP
            : Math.max(GAP, box.left - GAP - width);
        }
      }
      pad.style.left = Math.round(left) + "px";
      pad.style.top = Math.round(top) + "px";
    }

    function open(input) {
      current = input;
      pad.hidden = false;
      place(input);
    }

    function close() {
      pad.hidden = true;
      current = null;
    }

    wire(pad, function () { return current; }, function (input, action) {
      close();
      input.blur();
      if (action === "ok" && input.getAttribute("data-numpad-input") !== "fill" && input.form) {
        input.form.requestSubmit();
      }
    });

    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("[data-numpad-input]")) {
        open(event.target);
      }
    });
    document.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (event.target === current && !(next && pad.contains(next))) { close(); }
    });
    /* A touch outside the pad and outside its input's form only closes the pad: what lies
     * under the finger (another session's Mulai) is not pressed (overlay.js). */
    document.addEventListener("pointerdown", function (event) {
      if (pad.hidden || !current || !event.target.closest) { return; }
      if (pad.contains(event.target) || event.target.closest("[data-numpad-input]")) { return; }
      if (current.form && current.form.contains(event.target)) { return; }
      var input = current;
      close();
      input.blur();
      if (window.kioskOverlay) { window.kioskOverlay.swallow(event); }
    }, true);
    /* A tap on the input that still has the focus (after Tutup) opens the pad again. */
    document.addEventListener("pointerdown", function (event) {
      var input = event.target.closest && event.target.closest("[data-numpad-input]");
      if (input && input === document.activeElement && pad.hidden) { open(input); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !pad.hidden) { close(); }
    }, true);
    window.addEventListener("resize", function () {
      if (current) { place(current); }
    });
    window.addEventListener("pagehide", close);
  }

  pads.forEach(function (pad) {
    if (pad.hasAttribute("data-numpad-for")) { fixed(pad); } else { floating(pad); }
  });
})();
