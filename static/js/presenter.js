/* Kios Waspada, presenter mode: one slide at a time on the projector, moved by the keys a
 * clicker sends (and by swipes), a presenter view in a second window kept in step over a
 * BroadcastChannel (same machine, no network), and the counts the officer types.
 *
 * The same file runs the projector page (body.projector) and the presenter view
 * (body.presenter-view). Without script every slide is simply shown one under the other.
 */
(function () {
  "use strict";
  var body = document.body;
  var data = body.dataset;
  var isView = body.classList.contains("presenter-view");
  var total = parseInt(data.total, 10) || 1;
  var SWIPE = 60;   /* px a finger must travel sideways to turn a slide */
  var STAGE_WIDTH = 1920;  /* the presenter view draws slides as a 1920-wide projector would */

  document.documentElement.classList.add("js");

  var stages = Array.prototype.slice.call(document.querySelectorAll(".deck"));
  var slideLists = stages.map(function (stage) {
    return Array.prototype.slice.call(stage.querySelectorAll(":scope > .slide"));
  });
  var slides = slideLists[0];
  var index = 0;
  var step = 0;
  var hands = {};
  try { hands = JSON.parse(data.hands || "{}") || {}; } catch (e) { hands = {}; }

  var channel = null;
  if ("BroadcastChannel" in window) {
    channel = new BroadcastChannel("kios-presentasi:" + data.token);
  }

  function tell(message) {
    if (channel) { channel.postMessage(message); }
  }

  function stepsOf(i) {
    return parseInt(slides[i].getAttribute("data-steps") || "0", 10);
  }

  /* -- fitting a slide to the screen ---------------------------------------------------- */

  /* A long slide is drawn a size or more smaller (32 px, then down to 22 px on a small
   * projector, see presenter.css); only if that is not enough may it scroll. */
  var FIT_LEVELS = 6;
  function fit(slide) {
    var inner = slide.querySelector(".slide-inner");
    slide.setAttribute("data-fit", "0");
    for (var level = 1; level <= FIT_LEVELS; level += 1) {
      if (inner.scrollHeight <= inner.clientHeight + 1) { return; }
      slide.setAttribute("data-fit", String(level));
    }
  }

  function showIn(list, i, s) {
    list.forEach(function (slide, j) {
      var current = j === i;
      slide.classList.toggle("is-current", current);
      if (current) {
        slide.setAttribute("data-step", String(s));
        fit(slide);
      }
    });
  }

  function scaleStages() {
    stages.forEach(function (stage) {
      if (!stage.classList.contains("view-stage")) { return; }
      var frame = stage.parentElement;
      stage.style.transform = "scale(" + (frame.clientWidth / STAGE_WIDTH) + ")";
    });
  }

  /* -- drawing the position --------------------------------------------------------------- */

  function render() {
    showIn(slideLists[0], index, step);
    if (isView) {
      var nextIndex = index;
      var nextStep = step + 1;
      if (step >= stepsOf(index)) { nextIndex = index + 1; nextStep = 0; }
      if (nextIndex < total) {
        showIn(slideLists[1], nextIndex, nextStep);
      } else {
        showIn(slideLists[1], -1, 0);
      }
      var titleNode = document.querySelector('template[data-title="' + nextIndex + '"]');
      var title = document.querySelector("[data-next-title]");
      if (title) {
        title.textContent = titleNode ? titleNode.content.textContent : "–";
      }
      document.querySelectorAll("[data-notes]").forEach(function (notes) {
        notes.hidden = notes.getAttribute("data-notes") !== String(index);
      });
      roomHands();
    }
    document.querySelectorAll("[data-counter]").forEach(function (node) {
      node.textContent = String(index + 1);
    });
    var bar = document.querySelector("[data-progress]");
    if (bar) { bar.style.width = (100 * (index + 1) / total) + "%"; }
    try {
      history.replaceState(null, "", "#" + (index + 1) + (step ? "." + step : ""));
    } catch (e) { /* a position in the address is a comfort, not a need */ }
  }

  function go(i, s, remote) {
    i = Math.max(0, Math.min(total - 1, i));
    s = Math.max(0, Math.min(stepsOf(i), s || 0));
    if (i !== index) { saveOpenHands(); }
    index = i;
    step = s;
    render();
    if (!remote) { tell({ type: "goto", index: index, step: step }); }
  }

  function next() {
    if (step < stepsOf(index)) { go(index, step + 1); }
    else if (index < total - 1) { go(index + 1, 0); }
  }

  function prev() {
    if (step > 0) { go(index, step - 1); }
    /* Back into a question shows it as it was left: answered. */
    else if (index > 0) { go(index - 1, stepsOf(index - 1)); }
  }

  function reveal() {
    if (stepsOf(index) > 0) { go(index, Math.max(step, 1)); }
  }

  /* -- what the officer types --------------------------------------------------------------- */

  function post(url, fields) {
    var form = new URLSearchParams();
    form.set("csrf", data.csrf);
    form.set("token", data.token);
    Object.keys(fields).forEach(function (name) { form.set(name, fields[name]); });
    return fetch(url, {
      method: "POST", body: form, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false }; });
    }).catch(function () { return { ok: false }; });
  }

  function stored(question) {
    return hands[question] === undefined || hands[question] === null ? "" : String(hands[question]);
  }

  function say(output, text, ok) {
    if (!output) { return; }
    output.textContent = text;
    output.classList.toggle("is-problem", !ok);
  }

  function handsForms(question) {
    return Array.prototype.slice.call(document.querySelectorAll("[data-hands-form]"))
      .filter(function (form) { return form.getAttribute("data-question") === question; });
  }

  function saveHands(form) {
    var question = form.getAttribute("data-question");
    var input = form.querySelector("input");
    var value = input.value.trim();
    var output = form.querySelector("[data-hands-status]");
    if (!question || value === stored(question)) { return; }
    post(data.handsUrl, { question: question, hands: value }).then(function (answer) {
      if (answer.ok) {
        hands[question] = value === "" ? undefined : parseInt(value, 10);
        syncHands(question);
        say(output, value === "" ? "" : data.savedText + " ✓", true);
        tell({ type: "hands", question: question, value: value });
      } else {
        say(output, answer.message || data.failedText, false);
      }
    });
  }

  function syncHands(question) {
    handsForms(question).forEach(function (form) {
      var input = form.querySelector("input");
      if (document.activeElement !== input) { input.value = stored(question); }
      say(form.querySelector("[data-hands-status]"),
          stored(question) === "" ? "" : data.savedText + " ✓", true);
    });
  }

  /* A count typed and not yet saved is saved when the officer moves on. */
  function saveOpenHands() {
    document.querySelectorAll("[data-hands-form]").forEach(function (form) {
      var question = form.getAttribute("data-question");
      if (question && form.querySelector("input").value.trim() !== stored(question)) {
        saveHands(form);
      }
    });
  }

  /* The presenter view's own box for the question on screen. */
  function roomHands() {
    var form = document.querySelector("[data-room-hands]");
    if (!form) { return; }
    var question = slides[index].getAttribute("data-question");
    form.hidden = !question || step < 1;
    if (question && form.getAttribute("data-question") !== question) {
      form.setAttribute("data-question", question);
      form.querySelector("input").value = stored(question);
      say(form.querySelector("[data-hands-status]"),
          stored(question) === "" ? "" : data.savedText + " ✓", true);
    }
  }

  document.querySelectorAll("[data-hands-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveHands(form);
    });
  });
  Object.keys(hands).forEach(syncHands);

  var audienceForm = document.querySelector("[data-audience-form]");
  if (audienceForm) {
    audienceForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = audienceForm.querySelector("input").value.trim();
      var output = audienceForm.querySelector("[data-audience-status]");
      post(data.audienceUrl, { hadirin: value }).then(function (answer) {
        if (answer.ok) {
          say(output, value === "" ? "" : data.savedText + " ✓", true);
          setAudience(value);
          tell({ type: "audience", value: value });
        } else {
          say(output, answer.message || data.failedText, false);
        }
      });
    });
  }

  function setAudience(value) {
    document.querySelectorAll("[data-audience-input], [data-audience-form] input")
      .forEach(function (input) {
        if (document.activeElement !== input) { input.value = value; }
      });
  }

  /* -- leaving --------------------------------------------------------------------------- */

  var panel = document.querySelector("[data-end-panel]");
  var endForm = document.querySelector("[data-end-form]");
  var leaving = false;

  function openEnd() {
    if (!panel || panel.open) { return; }
    panel.showModal();
    var submit = endForm.querySelector("[type=submit]");
    if (submit) { submit.focus(); }
  }

  function leave() {
    if (leaving) { return; }
    leaving = true;
    saveOpenHands();
    tell({ type: "ended" });
    endForm.submit();
  }

  if (panel) {
    /* Esc inside the panel is the second Esc: leave. */
    panel.addEventListener("cancel", function (event) {
      event.preventDefault();
      leave();
    });
    endForm.addEventListener("submit", function (event) {
      event.preventDefault();
      leave();
    });
    panel.querySelector('[data-action="resume"]').addEventListener("click", function () {
      panel.close();
    });
    panel.addEventListener("keydown", function (event) {
      /* A clicker pressed while the panel is open means "not yet". */
      if (event.key === "PageDown" || event.key === "PageUp") {
        event.preventDefault();
        panel.close();
      }
    });
  }

  function ended() {
    if (isView) {
      window.close();  /* works for the window the projector opened */
    }
    window.location.href = data.homeUrl;
  }

  /* -- the other window ----------------------------------------------------------------------- */

  if (channel) {
    channel.onmessage = function (event) {
      var message = event.data || {};
      if (message.type === "goto") {
        go(message.index, message.step, true);
      } else if (message.type === "hello") {
        tell({ type: "goto", index: index, step: step });
      } else if (message.type === "hands") {
        hands[message.question] = message.value === "" ? undefined : parseInt(message.value, 10);
        syncHands(message.question);
      } else if (message.type === "audience") {
        setAudience(message.value);
      } else if (message.type === "ended") {
        ended();
      }
    };
  }

  function openView() {
    if (!channel) { return; }
    window.open(data.viewUrl + location.hash, "kios-pembicara", "popup=yes,width=1280,height=800");
  }

  function toggleFullscreen() {
    if (!document.fullscreenEnabled) { return; }
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else { document.documentElement.requestFullscreen().catch(function () { /* refused */ }); }
  }

  var blackout = document.querySelector("[data-blackout]");
  function toggleBlackout() {
    if (blackout) { blackout.hidden = !blackout.hidden; }
  }

  /* -- keys, buttons and swipes ------------------------------------------------------------- */

  var actions = {
    next: next, prev: prev, end: openEnd, view: openView, fullscreen: toggleFullscreen
  };
  document.querySelectorAll("[data-action]").forEach(function (button) {
    var action = actions[button.getAttribute("data-action")];
    if (!action) { return; }
    button.addEventListener("click", function () { action(); });
    if (button.getAttribute("data-action") === "view" && channel) { button.hidden = false; }
    if (button.getAttribute("data-action") === "fullscreen" && document.fullscreenEnabled) {
      button.hidden = false;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || (panel && panel.open)) { return; }
    var target = event.target;
    var key = event.key;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) {
      /* Typing a count: only the clicker's keys and Esc leave the box. */
      if (key === "PageDown" || key === "PageUp") {
        target.blur();
      } else {
        if (key === "Escape") { target.blur(); event.preventDefault(); }
        return;
      }
    }
    var onControl = target && (target.tagName === "BUTTON" || target.tagName === "A");
    if (onControl && (key === "Enter" || key === " ")) { return; }  /* the button's own click */
    if (blackout && !blackout.hidden && key !== "b" && key !== "B" && key !== ".") {
      blackout.hidden = true;  /* any key brings the picture back */
    }
    switch (key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Spacebar":
      case "Enter":
        next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
        prev(); break;
      case "Home": go(0, 0); break;
      case "End": go(total - 1, 0); break;
      case "f": case "F": toggleFullscreen(); break;
      case "r": case "R": reveal(); break;
      case "b": case "B": case ".": toggleBlackout(); break;
      case "p": case "P": if (!isView) { openView(); } break;
      case "Escape": openEnd(); break;
      default: return;
    }
    event.preventDefault();
  });

  var touchX = null;
  var touchY = null;
  stages.forEach(function (stage) {
    stage.addEventListener("touchstart", function (event) {
      if (event.touches.length !== 1) { touchX = null; return; }
      touchX = event.touches[0].clientX;
      touchY = event.touches[0].clientY;
    }, { passive: true });
    stage.addEventListener("touchend", function (event) {
      if (touchX === null) { return; }
      var dx = event.changedTouches[0].clientX - touchX;
      var dy = event.changedTouches[0].clientY - touchY;
      touchX = null;
      if (Math.abs(dx) > SWIPE && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        if (dx < 0) { next(); } else { prev(); }
      }
    });
  });

  window.addEventListener("resize", function () {
    scaleStages();
    render();
  });

  /* -- the timer in the presenter view ------------------------------------------------------------ */

  var timer = document.querySelector("[data-timer]");
  var clock = document.querySelector("[data-clock]");
  if (timer) {
    var began = Date.now() - 1000 * (parseInt(data.elapsed, 10) || 0);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var tick = function () {
      var seconds = Math.max(0, Math.floor((Date.now() - began) / 1000));
      var hours = Math.floor(seconds / 3600);
      var minutes = Math.floor(seconds / 60) % 60;
      timer.textContent = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" +
        pad(seconds % 60);
      if (clock) {
        var now = new Date();
        clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
      }
    };
    tick();
    setInterval(tick, 1000);
  }

  /* -- start where the address says (a reload keeps the place) -------------------------------- */

  var place = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
  scaleStages();
  if (place) {
    index = Math.max(0, Math.min(total - 1, parseInt(place[1], 10) - 1));
    step = Math.max(0, Math.min(stepsOf(index), parseInt(place[2] || "0", 10)));
  }
  render();
  tell({ type: "hello" });
})();
