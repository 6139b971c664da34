/* Kios Waspada, Dengarkan: the page read aloud, the sentence being read marked on screen.
 *
 * Loaded by listen_tap.js on the first tap of the Listen button ([data-dengar]: the page's
 * playlist). The playlist's parts are blocks of the page ([data-baca] elements), each one clip
 * with the start time of each sentence. They play in the page's order with one audio element
 * (the next clip fetched ahead); a lesson starts at the part on screen and reads to its end.
 * The sentence is found in the block's own text (whitespace and case aside, from the previous
 * sentence on) and marked with the CSS Custom Highlight API; without it, or when the text is
 * not found, the whole block is marked. The page follows the voice unless the villager scrolls.
 *
 * Parts not rendered yet are skipped, with a calm word when some are.
 * The button: Dengarkan, Jeda while reading, Lanjutkan when paused. Reading stops when the
 * page is left, the language changes or the kiosk resets; while it reads, the kiosk does not
 * ask "Masih di sini?" (kiosk.js).
 */
(function () {
  "use strict";
  if (window.kioskListen) { return; }

  var NAME = "dengar";
  var BLOCK_CLASS = "dengar-block";
  /* Text a villager does not see, or that is not part of the block's words. */
  var SKIP = "[hidden], [data-listen], .term-meaning, script, style, template, [aria-hidden='true']";
  var USER_SCROLL_MS = 4000;   /* after a villager scrolls, the page stays where they put it */
  var MESSAGE_MS = 6000;
  /* A voice that has not moved for this long (the server gone, a clip stuck) no longer keeps
   * the kiosk from its idle reset. */
  var STALLED_MS = 15000;
  var QUOTES = { "\u2018": "'", "\u2019": "'", "\u201c": "\"", "\u201d": "\"", "\u2013": "-",
                 "\u2014": "-", "\u00ad": "" };
  var canHighlight = !!(window.CSS && CSS.highlights && window.Highlight);
  var reduceMotion = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;

  var audio = document.createElement("audio");
  audio.preload = "auto";
  audio.hidden = true;
  audio.setAttribute("data-dengar-audio", "");
  document.body.appendChild(audio);

  var button = null;      /* the page's Listen button */
  var parts = [];         /* playable parts, in the page's order, with their elements */
  var at = -1;            /* the part playing */
  var sentence = -1;      /* its sentence marked */
  var text = null;        /* the part's text map (see textMap) */
  var searchFrom = 0;     /* where the next sentence is looked for in it */
  var marked = [];        /* blocks marked as a whole */
  var fetched = {};       /* clips already asked for ahead */
  var userScrolledAt = -Infinity;
  var messageTimer = null;
  var asking = null;      /* the playlist request of the tap being answered */
  var progressedAt = -Infinity;  /* when the voice last moved on */

  /* -- the button ---------------------------------------------------------------------- */

  function setState(state) {
    if (!button) { return; }
    button.setAttribute("data-state", state);
    button.setAttribute("aria-pressed", state === "playing" ? "true" : "false");
    var label = { playing: "data-label-pause", paused: "data-label-resume" }[state] ||
      "data-label-play";
    button.querySelector(".listen-label").textContent = button.getAttribute(label);
  }

  function state() {
    return button ? button.getAttribute("data-state") : "idle";
  }

  function say(message) {
    var box = button && button.parentNode.querySelector("[data-listen-message]");
    if (!box) { return; }
    box.textContent = message || "";
    clearTimeout(messageTimer);
    if (message) { messageTimer = setTimeout(function () { box.textContent = ""; }, MESSAGE_MS); }
  }

  function tapped(target) {
    if (target !== button) {
      stop();
      button = target;
    }
    say("");
    var now = state();
    if (now === "playing") {
      setState("paused");
      audio.pause();
      document.dispatchEvent(new Event("kiosk:activity"));
    } else if (now === "paused") {
      play();
    } else if (now !== "loading") {
      begin(fetchPlaylist(button.getAttribute("data-dengar")));
    }
  }

  function fetchPlaylist(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  /* -- the playlist -------------------------------------------------------------------- */

  function blockOf(id) {
    return document.querySelector("[data-baca=\"" + String(id).replace(/["\\]/g, "\\$&") + "\"]");
  }

  function inPageOrder(a, b) {
    var position = a.elements[0].compareDocumentPosition(b.elements[0]);
    if (position & Node.DOCUMENT_POSITION_FOLLOWING) { return -1; }
    if (position & Node.DOCUMENT_POSITION_PRECEDING) { return 1; }
    return 0;
  }

  function playable(playlist) {
    var found = [];
    ((playlist && playlist.parts) || []).forEach(function (part) {
      if (!part || !part.src) { return; }  /* not rendered yet: skipped */
      var ids = part.blocks && part.blocks.length ? part.blocks : [part.block];
      var elements = ids.map(blockOf).filter(Boolean);
      if (!elements.length) { return; }  /* not on this page: nothing to show it on */
      found.push({ src: part.src, sentences: part.sentences || [], elements: elements,
                   block: part.block, duration: part.duration });
    });
    /* A quiz shows its options in its own order: read them in that order. */
    return found.sort(inPageOrder);
  }

  /* A lesson is read from the part on screen: the first block in view. */
  function firstOnScreen(list) {
    var floor = floorY();
    for (var i = 0; i < list.length; i += 1) {
      for (var j = 0; j < list[i].elements.length; j += 1) {
        var box = list[i].elements[j].getBoundingClientRect();
        if (box.height > 0 && box.bottom > 0 && box.top < floor) { return i; }
      }
    }
    return 0;
  }

  function begin(request) {
    var mine = request;
    asking = mine;
    setState("loading");
    request.then(function (playlist) {
      if (asking !== mine) { return; }  /* stopped, or tapped again, meanwhile */
      asking = null;
      parts = playable(playlist);
      if (!parts.length) {
        setState("idle");
        say(button.getAttribute("data-message-wait"));
        return;
      }
      /* Some parts not made yet (a clip removed, a new edit): the ready ones are read, and
       * the villager is told calmly why the voice skips, instead of it going silent. */
      var waiting = ((playlist && playlist.parts) || []).some(function (part) {
        return part && !part.src;
      });
      if (waiting) { say(button.getAttribute("data-message-some")); }
      var first = button.getAttribute("data-start") === "screen" ? firstOnScreen(parts) : 0;
      start(first);
    });
  }

  /* -- playing ------------------------------------------------------------------------- */

  function start(index) {
    at = index;
    sentence = -1;
    searchFrom = 0;
    text = null;
    var part = parts[at];
    audio.src = part.src;
    play();
    var next = parts[at + 1];
    if (next && !fetched[next.src]) {
      /* Clips are cached for good: fetched now, the next one starts from the cache. */
      fetched[next.src] = true;
      fetch(next.src, { credentials: "same-origin" }).catch(function () {});
    }
    follow();
  }

  function play() {
    setState("playing");
    progressedAt = performance.now();
    var playing = audio.play();
    if (playing && playing.catch) {
      playing.catch(function (error) {
        if (error && error.name === "AbortError") { return; }  /* a newer src or a stop */
        if (state() === "playing") { setState("paused"); }
      });
    }
  }

  function next() {
    if (at + 1 < parts.length) {
      start(at + 1);
    } else {
      stop();
    }
  }

  function stop() {
    asking = null;
    audio.pause();
    if (audio.getAttribute("src")) {
      audio.removeAttribute("src");
      audio.load();
    }
    parts = [];
    at = -1;
    unmark();
    if (state() !== "idle") {
      setState("idle");
      document.dispatchEvent(new Event("kiosk:activity"));
    }
  }

  audio.addEventListener("timeupdate", function () {
    if (!audio.paused) { progressedAt = performance.now(); }
    follow();
  });
  audio.addEventListener("ended", next);
  audio.addEventListener("error", function () {
    if (at >= 0 && audio.getAttribute("src")) { next(); }  /* a clip that will not play */
  });
  audio.addEventListener("pause", function () {
    if (state() === "playing" && !audio.ended) {
      setState("paused");
      document.dispatchEvent(new Event("kiosk:activity"));
    }
  });
  audio.addEventListener("playing", function () { progressedAt = performance.now(); });
  audio.addEventListener("play", function () {
    if (at >= 0 && state() !== "playing") { setState("playing"); }
  });

  /* -- the sentence being read --------------------------------------------------------- */

  function follow() {
    var part = parts[at];
    if (!part) { return; }
    var time = audio.currentTime || 0;
    var length = part.duration || audio.duration || 0;
    var now = 0;
    for (var i = 0; i < part.sentences.length; i += 1) {
      var said = part.sentences[i];
      /* An officer's recording has no times, only how far into its text each sentence is. */
      var start = typeof said.start === "number" ? said.start : (said.share || 0) * length;
      if (start <= time + 0.05) { now = i; }
    }
    if (now !== sentence) {
      sentence = now;
      mark(part, part.sentences[now]);
    }
  }

  function normal(ch) {
    if (/\s/.test(ch)) { return ""; }
    return (QUOTES.hasOwnProperty(ch) ? QUOTES[ch] : ch).toLowerCase();
  }

  /* The part's visible text without whitespace, and where each of its characters is. */
  function textMap(part) {
    var chars = [];
    var where = [];
    part.elements.forEach(function (element) {
      var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) { return skipInside(node.parentElement, element); }
      });
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var value = node.nodeValue;
        for (var i = 0; i < value.length; i += 1) {
          var c = normal(value[i]);
          for (var k = 0; k < c.length; k += 1) {
            chars.push(c[k]);
            where.push([node, i]);
          }
        }
      }
    });
    return { text: chars.join(""), where: where };
  }

  /* Inside the block, text under a hidden or skipped element is not what is read. */
  function skipInside(parent, element) {
    for (var el = parent; el && el !== element.parentElement; el = el.parentElement) {
      if (el.matches(SKIP)) { return NodeFilter.FILTER_REJECT; }
    }
    return NodeFilter.FILTER_ACCEPT;
  }

  function find(said) {
    var needle = "";
    for (var i = 0; i < said.length; i += 1) { needle += normal(said[i]); }
    if (!needle) { return null; }
    var start = text.text.indexOf(needle, searchFrom);
    var length = needle.length;
    if (start < 0 && needle.length > 24) {
      /* The page's words differ a little (a term, a number written out): its beginning. */
      start = text.text.indexOf(needle.slice(0, 24), searchFrom);
      length = Math.min(needle.length, text.text.length - start);
    }
    if (start < 0) { return null; }
    searchFrom = start + length;
    var first = text.where[start];
    var last = text.where[start + length - 1];
    var range = document.createRange();
    range.setStart(first[0], first[1]);
    range.setEnd(last[0], last[1] + 1);
    return range;
  }

  function mark(part, said) {
    unmark();
    if (!text) { text = textMap(part); }
    var range = canHighlight && said && said.text ? find(said.text) : null;
    if (range) {
      CSS.highlights.set(NAME, new Highlight(range));
      keepInView(range.getBoundingClientRect());
      return;
    }
    /* Not found: the block it is in (a recording knows it), else the part's every block. */
    var own = said && said.block ? blockOf(said.block) : null;
    marked = own ? [own] : part.elements.slice();
    marked.forEach(function (element) { element.classList.add(BLOCK_CLASS); });
    keepInView(marked[0].getBoundingClientRect());
  }

  function unmark() {
    if (canHighlight) { CSS.highlights.delete(NAME); }
    marked.forEach(function (element) { element.classList.remove(BLOCK_CLASS); });
    marked = [];
  }

  /* -- keeping it in view, without fighting the villager ------------------------------- */

  /* The top of what sits on the screen's bottom edge: the dock, and the next step's buttons
   * that stick above it (a quiz's, the checker's). */
  function floorY() {
    var floor = window.innerHeight;
    document.querySelectorAll(".dock, .quiz-actions, .quiz-submit").forEach(function (bar) {
      var top = bar.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.4 && top < floor) { floor = top; }
    });
    return floor;
  }

  function keepInView(box) {
    if (!box || (!box.width && !box.height)) { return; }
    if (performance.now() - userScrolledAt < USER_SCROLL_MS) { return; }
    var floor = floorY();
    if (box.top >= 0 && box.bottom <= floor - 8) { return; }
    /* A third down the screen: what was read stays just above it. */
    window.scrollBy({ top: box.top - floor / 3, behavior: reduceMotion ? "auto" : "smooth" });
  }

  function villagerScrolls(event) {
    if (event.type === "keydown" &&
        !/^(PageUp|PageDown|ArrowUp|ArrowDown|Home|End| )$/.test(event.key)) { return; }
    userScrolledAt = performance.now();
  }
  ["wheel", "touchmove", "keydown"].forEach(function (type) {
    window.addEventListener(type, villagerScrolls, { capture: true, passive: true });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-read-on]")) { villagerScrolls(event); }
  }, true);

  /* -- taps, and what stops the reading ------------------------------------------------ */

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("button[data-dengar]");
    if (target) {
      tapped(target);
    } else if (event.target.closest && event.target.closest("a.lang")) {
      stop();  /* another language: this voice no longer fits the page */
    }
  });
  document.addEventListener("kiosk:reset", stop);
  document.addEventListener("kiosk:idle", function (event) {
    if (state() === "playing" && !audio.paused &&
        performance.now() - progressedAt < STALLED_MS) { event.preventDefault(); }
  });
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { stop(); }
  });

  window.kioskListen = { stop: stop };

  var waiting = window.kioskListenFirst;
  window.kioskListenFirst = null;
  if (waiting) {
    button = waiting.button;
    begin(waiting.playlist);
  }
})();
