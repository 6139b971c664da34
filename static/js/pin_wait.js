/* Kios Waspada, officer login: after too many wrong PINs the page says how many seconds to
 * wait (data-wait). This counts them down, keeps the pad's OK and the form's Masuk from
 * sending a try the server would refuse anyway, and says when the officer may try again.
 * Without script the message stays as the server wrote it and the server refuses early tries.
 */
(function () {
  "use strict";
  var message = document.querySelector("[data-wait]");
  if (!message) { return; }
  var form = message.closest("form");
  var seconds = Number(message.getAttribute("data-wait"));
  if (!form || !(seconds > 0)) { return; }
  var mark = message.getAttribute("data-wait-mark");
  var end = Date.now() + seconds * 1000;
  var keys = form.querySelectorAll("button[type=submit], [data-pad=ok]");

  /* The catalogs (Indonesian, English) have one form for 1 and one for every other number. */
  function say(left) {
    var text = message.getAttribute(left === 1 ? "data-wait-one" : "data-wait-other");
    message.textContent = text.split(mark).join(String(left));
  }

  function hold(waiting) {
    keys.forEach(function (key) { key.disabled = waiting; });
  }

  function waiting(event) {
    if (Date.now() < end) { event.preventDefault(); }
  }

  function tick() {
    var left = Math.ceil((end - Date.now()) / 1000);
    if (left > 0) {
      say(left);
      /* The next whole second of the wait, not a drifting interval. */
      window.setTimeout(tick, end - Date.now() - (left - 1) * 1000);
      return;
    }
    hold(false);
    form.removeEventListener("submit", waiting);
    message.textContent = message.getAttribute("data-wait-over");
    message.classList.remove("officer-problem");
    message.classList.add("officer-note");
    message.setAttribute("aria-live", "polite");  /* said once, when it is over */
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");  /* nothing is wrong with the PIN box now */
    });
  }

  /* The alert was read out when the page came; every second would be too much to hear. */
  message.setAttribute("aria-live", "off");
  hold(true);
  form.addEventListener("submit", waiting);
  tick();
})();
