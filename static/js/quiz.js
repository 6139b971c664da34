// Quizzes and the checker: a double tap on a touch screen must not send an answer twice.
// (The second post would be refused as "already answered".) Nothing else needs script.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  }, true);
  // A page restored from the back-forward cache may be answered again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
    });
  });
})();
