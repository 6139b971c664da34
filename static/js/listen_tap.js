/* Kios Waspada, Dengarkan: all a page carries until its Listen button is tapped. The first tap
 * asks for the page's playlist and loads the player (listen.js) at the same time, so the first
 * sound comes as soon as both are here; nothing ever plays without a tap.
 */
(function () {
  "use strict";
  if (window.kioskListenTap) { return; }
  window.kioskListenTap = true;

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-dengar]");
    if (!button || window.kioskListen || window.kioskListenFirst) { return; }
    button.setAttribute("data-state", "loading");
    window.kioskListenFirst = {
      button: button,
      playlist: fetch(button.getAttribute("data-dengar"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
    };
    var player = document.createElement("script");
    player.src = button.getAttribute("data-player");
    player.onerror = function () {
      /* The server did not answer: say so calmly, and let the next tap try again. */
      window.kioskListenFirst = null;
      button.setAttribute("data-state", "idle");
      var message = button.parentNode.querySelector("[data-listen-message]");
      if (message) { message.textContent = button.getAttribute("data-message-wait"); }
    };
    document.head.appendChild(player);
  });
})();
