/* The web editor: a preview that follows the typing, "Ke baris N", and a copy of the unsaved
   text kept in this browser, so an ended session or a crash never loses an editor's work. */
(function () {
  "use strict";
  var form = document.querySelector(".editor-form");
  if (!form) return;
  var text = form.querySelector("textarea");
  var side = document.getElementById("hasil");
  var storeKey = "kios-penyunting:" + form.dataset.key;
  var sent = 0;
  var shown = 0;
  var previewTimer = null;
  var keepTimer = null;
  var initial = text.value;
  var submitting = false;

  function store(fn) {
    try { return fn(window.localStorage); } catch (e) { return null; }
  }

  function refresh() {
    var n = ++sent;
    fetch(form.dataset.previewUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok || r.redirected) throw new Error("preview " + r.status);
        return r.text();
      })
      .then(function (html) {
        if (n < shown) return;
        shown = n;
        side.innerHTML = html;
        wire(side);
      })
      .catch(function () { /* keep the last preview; Simpan still checks everything */ });
  }

  function goToLine(n) {
    var lines = text.value.split("\n");
    var start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[n - 1] || "").length;
    text.focus();
    text.setSelectionRange(start, end);
    var lineHeight = parseFloat(window.getComputedStyle(text).lineHeight) || 24;
    text.scrollTop = Math.max(0, (n - 3) * lineHeight);
  }

  function wire(root) {
    root.querySelectorAll("[data-goto-line]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { goToLine(parseInt(button.dataset.gotoLine, 10)); });
    });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(refresh, 700);
    window.clearTimeout(keepTimer);
    keepTimer = window.setTimeout(function () {
      store(function (s) {
        s.setItem(storeKey, JSON.stringify({ text: text.value, base: form.dataset.base, at: Date.now() }));
      });
    }, 400);
  });

  var previewButton = form.querySelector("[data-preview-button]");
  if (previewButton) {
    previewButton.addEventListener("click", function (event) {
      event.preventDefault();
      refresh();
    });
  }

  // The preview shows the page; its links lead nowhere from here.
  side.addEventListener("click", function (event) {
    if (event.target.closest(".preview-frame a")) event.preventDefault();
  });

  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && text.value !== initial) event.preventDefault();
  });

  // Unsaved text from an earlier visit: offer it back, never apply it silently.
  var notice = document.querySelector("[data-draft-notice]");
  if (document.querySelector("[data-saved]")) {
    store(function (s) { s.removeItem(storeKey); });
  } else {
    var kept = store(function (s) { return JSON.parse(s.getItem(storeKey) || "null"); });
    if (kept && typeof kept.text === "string") {
      if (kept.text === text.value) {
        store(function (s) { s.removeItem(storeKey); });
      } else if (notice) {
        notice.hidden = false;
        notice.querySelector("[data-draft-use]").addEventListener("click", function () {
          text.value = kept.text;
          notice.hidden = true;
          refresh();
        });
        notice.querySelector("[data-draft-drop]").addEventListener("click", function () {
          store(function (s) { s.removeItem(storeKey); });
          notice.hidden = true;
        });
      }
    }
  }

  wire(document);
})();
