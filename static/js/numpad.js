/* Kios Waspada, number pad: big digit keys for the officer's PIN and the presenter's counts,
 * on a touch screen that has no keyboard (templates/_numpad.html makes the keys).
 *
 * A pad with data-numpad-for is always shown and types into that one input (the PIN; its
 * keys never light up and never take the focus). A pad without it opens beside whichever
 * input marked data-numpad-input has the focus, never over that input or its label (and, where
 * it can, not over its form's buttons nor, on the projector, the revealed answers), and
 * closes when the focus leaves. OK submits the input's form, or only closes the pad where
 * the input says data-numpad-input="fill".
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

    /* The pad stays above the bottom bar (the kiosk's dock: Kembali, Beranda, Lapor; the
     * projector's control bar), never over it. */
    function floor() {
      var top = window.innerHeight;
      document.querySelectorAll(".dock, .deck-bar").forEach(function (bar) {
        if (bar.getClientRects().length) { top = Math.min(top, bar.getBoundingClientRect().top); }
      });
      return top;
    }

    function union(a, r) {
      return {left: Math.min(a.left, r.left), top: Math.min(a.top, r.top),
              right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom)};
    }

    function shown(el) {
      var r = el.getBoundingClientRect();
      return r.width && r.height ? r : null;
    }

    /* What the pad must leave in sight: the input and its label (the words say what number
     * to type: "Tangan untuk jawaban yang benar"). */
    function keepClear(input) {
      var box = input.getBoundingClientRect();
      var clear = {left: box.left, top: box.top, right: box.right, bottom: box.bottom};
      Array.prototype.forEach.call(input.labels || [], function (label) {
        var r = shown(label);
        if (r) { clear = union(clear, r); }
      });
      return clear;
    }

    /* What it should leave in sight too, where it can: the form's buttons (Mulai sesi, the
     * end panel's Keluar and Lanjutkan presentasi: a tap where they show must press them,
     * not type a digit) and, on the projected deck, the revealed answers the room reads. */
    function buttons(input) {
      var found = [];
      if (input.form) {
        input.form.querySelectorAll("button, input[type=submit]").forEach(function (el) {
          var r = shown(el);
          if (r) { found.push(r); }
        });
      }
      return found;
    }

    function answers(input) {
      var found = [];
      if (input.closest(".slide") && document.body.classList.contains("projector")) {
        /* ... and the bar's middle: the clicker's previous and next stay pressable by hand. */
        document.querySelectorAll(".slide.is-current .room-option, .deck-bar [data-action=prev], " +
                                  ".deck-bar [data-action=next]").forEach(function (el) {
          var r = shown(el);
          if (r) { found.push(r); }
        });
      }
      return found;
    }

    function overlap(a, b) {
      var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      return w > 0 && h > 0 ? w * h : 0;
    }

    function place(input) {
      /* A modal dialog makes everything outside it inert: the pad goes inside it. */
      var home = input.closest("dialog") || document.body;
      if (pad.parentNode !== home) { home.appendChild(pad); }
      var box = input.getBoundingClientRect();
      var clear = keepClear(input);
      var near = buttons(input);
      var also = near.concat(answers(input));
      var all = near.reduce(union, clear);  /* the input, its label and its buttons */
      var width = pad.offsetWidth, height = pad.offsetHeight;
      var right = window.innerWidth - GAP - width;
      /* On the projector the pad may also stand over the side of the control bar: the room's
       * answers matter more than the bar's buttons while a count is typed. */
      var floors = [floor()];
      if (document.body.classList.contains("projector")) { floors.push(window.innerHeight); }
      var tries = [];
      floors.forEach(function (bottom, over) {
        var low = bottom - GAP - height;
        var beside = Math.max(GAP, Math.min(clear.top, low));
        /* Below the input and its label, above them, right of them, left of them; then past
         * its buttons too; then the screen's corners. */
        [[box.left, clear.bottom + GAP], [box.left, clear.top - GAP - height],
         [clear.right + GAP, beside], [clear.left - GAP - width, beside],
         [box.left, all.bottom + GAP], [box.left, all.top - GAP - height],
         [all.right + GAP, beside], [all.left - GAP - width, beside],
         [right, low], [right, GAP], [GAP, low], [GAP, GAP]].forEach(function (t) {
          tries.push({left: Math.max(GAP, Math.min(t[0], right)),
                      top: Math.max(GAP, Math.min(t[1], low)), over: over});
        });
      });
      /* The first place that hides least: the input never if it can help it, then its
       * label, then its buttons and the answers; over the bar only when that hides less. */
      var at = null, best = Infinity;
      tries.forEach(function (t) {
        var r = {left: t.left, top: t.top, right: t.left + width, bottom: t.top + height};
        var cost = overlap(r, box) * 1e9 + overlap(r, clear) * 1e6 + t.over;
        also.forEach(function (a) { cost += overlap(r, a) * 1e3; });
        if (cost < best) { best = cost; at = t; }
      });
      pad.style.left = Math.round(at.left) + "px";
      pad.style.top = Math.round(at.top) + "px";
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
    /* Esc closes the pad and does nothing else: in the presenter's panel for leaving, an Esc
     * that reached the dialog would end the presentation. */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !pad.hidden) {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
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
