// Search-as-you-type: lesson titles from /cari/saran under the search box.
// Progressive enhancement only: without this file the form still submits to /cari.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form[data-suggest-url]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".search-suggestions");
  var status = form.querySelector(".search-status");
  var correction = form.querySelector(".search-correction");
  var timer = null;
  var latest = 0;

  // "Maksud Anda: paspor" while "pasport" is typed: a link to the results for the word meant.
  function hint(fix) {
    if (!correction) { return; }
    correction.hidden = !fix;
    while (correction.firstChild) { correction.removeChild(correction.firstChild); }
    if (fix) {
      var link = document.createElement("a");
      link.textContent = fix.text;
      link.href = fix.url;
      correction.appendChild(document.createTextNode(fix.label + " "));
      correction.appendChild(link);
    }
  }

  function show(items, fix) {
    hint(fix);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      var title = document.createElement("span");
      link.className = "search-suggestion";
      link.href = item.url;
      title.className = "search-suggestion-title";
      title.textContent = item.title;
      link.appendChild(title);
      if (item.category) {
        var category = document.createElement("span");
        category.className = "search-suggestion-category";
        category.textContent = item.category;
        link.appendChild(category);
      }
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    if (!items.length) {
      status.textContent = "";
    } else if (items.length === 1) {
      status.textContent = form.getAttribute("data-status-one");
    } else {
      status.textContent = form.getAttribute("data-status-many").replace("{n}", items.length);
    }
    if (fix && correction) { status.textContent = correction.textContent + " " + status.textContent; }
  }

  function ask() {
    var text = input.value;
    var ticket = ++latest;
    if (text.trim().length < 2) { show([]); return; }
    fetch(form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : { suggestions: [] };
    }).then(function (data) {
      if (ticket === latest) { show(data.suggestions || [], data.correction); }
    }).catch(function () {
      if (ticket === latest) { show([]); }
    });
  }

  // "input" also fires for the on-screen keyboard, which types without key events.
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "ArrowDown" && first && !list.hidden) {
      event.preventDefault();
      first.focus();
    } else if (event.key === "Escape") {
      show([]);
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < links.length - 1) {
      event.preventDefault();
      links[i + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (i > 0 ? links[i - 1] : input).focus();
    } else if (event.key === "Escape") {
      show([]);
      input.focus();
    }
  });
})();
