// Site search in the theme's search dialog, over the Pagefind index the build writes to
// pagefind/. Nothing is downloaded until a reader opens the search; then only the parts of
// the index for the words typed. No third-party code: Pagefind's own files are in the site.
(function () {
  "use strict";

  var TEXT = {
    prompt: "Введите слово для поиска",
    loading: "Поиск…",
    none: "Ничего не найдено",
    found: "Найдено: ",
    failed: "Поиск сейчас недоступен: не удалось загрузить указатель сайта.",
    any: "все",
  };
  var PAGE_SIZE = 10;
  var DELAY_MS = 150;
  var SHORTCUT_KEYS = ["/", "s", "f"];
  var SHORTCUT_CODES = ["Slash", "KeyS", "KeyF"]; // the same keys in any keyboard layout

  var root = document.querySelector("[data-plansite-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var form = root.querySelector("form");
  var input = root.querySelector(".md-search__input");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var filterBox = root.querySelector("[data-search-filters]");
  var filterFields = root.querySelector("[data-search-filter-fields]");
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);

  var engine = null; // the Pagefind module, loaded once, on first use
  var ticket = 0; // the latest search; answers to older ones are dropped
  var pending = []; // results not shown yet, for «Показать ещё»
  var timer = 0;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // Result addresses are site-relative: keep them under the site's own path.
        var base = new URL("../", bundle).pathname;
        return pagefind.options({ baseUrl: base, excerptLength: 24 }).then(function () {
          return pagefind;
        });
      });
      engine.catch(function () {
        engine = null; // a dropped connection: the next attempt loads again
        say(TEXT.failed);
      });
    }
    return engine;
  }

  function say(message) {
    status.textContent = message;
  }

  function chosenFilters() {
    var chosen = {};
    filterFields.querySelectorAll("select").forEach(function (select) {
      if (select.value) chosen[select.name] = select.value;
    });
    return chosen;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var mine = ++ticket;
    if (!query && !Object.keys(filters).length) {
      pending = [];
      list.replaceChildren();
      more.hidden = true;
      say(TEXT.prompt);
      return;
    }
    say(TEXT.loading);
    load()
      .then(function (pagefind) {
        return pagefind.search(query || null, { filters: filters });
      })
      .then(function (search) {
        if (mine !== ticket || !search) return;
        list.replaceChildren();
        pending = search.results.slice();
        say(pending.length ? TEXT.found + pending.length : TEXT.none);
        return showMore(mine);
      })
      .catch(function () {
        if (mine === ticket) say(TEXT.failed);
      });
  }

  function showMore(mine) {
    var batch = pending.splice(0, PAGE_SIZE);
    more.hidden = true;
    return Promise.all(
      batch.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (mine !== ticket) return;
      pages.forEach(function (page) {
        list.appendChild(resultItem(page));
      });
      more.hidden = pending.length === 0;
    });
  }

  // The theme's result markup, so the theme's styles apply (and the reading mode's).
  function resultItem(page) {
    var meta = page.meta || {};
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = page.url;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element("h1", "", meta.title || page.url));
    var about = [meta.kind, meta.date].filter(Boolean).join(" · ");
    if (about) article.appendChild(element("p", "search-kind", about));
    var excerpt = element("p");
    // Pagefind escapes the excerpt itself and adds only <mark> around the matched words.
    excerpt.innerHTML = page.excerpt;
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildFilters() {
    if (filterFields.childElementCount) return;
    load()
      .then(function (pagefind) {
        return pagefind.filters();
      })
      .then(function (filters) {
        if (filterFields.childElementCount) return;
        Object.keys(filters)
          .sort(function (a, b) {
            return a.localeCompare(b, "ru");
          })
          .forEach(function (name) {
            filterFields.appendChild(filterField(name, filters[name]));
          });
      })
      .catch(function () {
        say(TEXT.failed);
      });
  }

  function filterField(name, counts) {
    var field = document.createElement("div");
    field.className = "search-filters__field";
    var label = document.createElement("label");
    var select = document.createElement("select");
    select.name = name;
    select.id = "search-filter-" + filterFields.childElementCount;
    label.htmlFor = select.id;
    label.textContent = name + " ";
    select.appendChild(new Option(TEXT.any, ""));
    Object.keys(counts)
      .sort(function (a, b) {
        // Years newest first, words in Russian alphabetical order.
        return /^\d+$/.test(a) && /^\d+$/.test(b) ? b - a : a.localeCompare(b, "ru");
      })
      .forEach(function (value) {
        select.appendChild(new Option(value + " (" + counts[value] + ")", value));
      });
    select.addEventListener("change", run);
    field.append(label, select);
    return field;
  }

  function open() {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  }

  function focusInput() {
    // On a phone the field only shows once the dialog is open: focus it on the next frame.
    requestAnimationFrame(function () {
      input.focus();
      input.select();
    });
  }

  function typingInto(element) {
    return (
      element instanceof HTMLElement &&
      (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName))
    );
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      var shortcut =
        SHORTCUT_KEYS.indexOf(event.key) >= 0 || SHORTCUT_CODES.indexOf(event.code) >= 0;
      if (shortcut && !typingInto(event.target)) {
        event.preventDefault();
        event.stopPropagation(); // the theme reads «.» (Slash in a Russian layout) as «next page»
        open();
      }
      return;
    }
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (at < 0 && document.activeElement !== input) return;
      event.preventDefault();
      var next = Math.min(at + (event.key === "ArrowDown" ? 1 : -1), links.length - 1);
      if (next < 0) input.focus();
      else links[next].focus();
    } else if (event.key === "Enter" && document.activeElement === input && links.length) {
      event.preventDefault();
      links[0].click();
    }
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      focusInput();
    }
  });
  input.addEventListener("focus", function () {
    load();
    if (!toggle.checked) open();
  });
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      run();
      input.focus();
    });
  });
  more.addEventListener("click", function () {
    showMore(ticket);
  });
  filterBox.addEventListener("toggle", function () {
    if (filterBox.open) buildFilters();
  });
  document.addEventListener("keydown", onKey, true);
})();
