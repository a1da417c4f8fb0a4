// «Версия для слабовидящих» (after ГОСТ Р 52872-2019): text size in three steps, three colour
// schemes, pictures on or off and letter spacing, switched on any page and remembered in this
// browser. The head of every page applies the remembered choice before the first paint
// (overrides/main.html); this script keeps the buttons in step. No third-party code.
(function () {
  var KEY = "plansite-a11y";
  var SETTINGS_KEY = "plansite-a11y-settings";
  var DEFAULTS = { size: "1", scheme: "dark", images: "on", spacing: "0" };
  var CHOICES = {
    size: ["1", "2", "3"],
    scheme: ["light", "dark", "blue"],
    images: ["on", "off"],
    spacing: ["0", "1", "2"],
  };
  var root = document.documentElement;

  function read(key) {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null; // storage switched off: the choice lasts for this page only
    }
  }

  function write(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      // Private mode: the choice lasts for this page only.
    }
  }

  function settings() {
    var stored = {};
    try {
      stored = JSON.parse(read(SETTINGS_KEY) || "{}") || {};
    } catch (error) {
      stored = {};
    }
    var result = {};
    Object.keys(DEFAULTS).forEach(function (name) {
      var value = String(stored[name]);
      result[name] = CHOICES[name].indexOf(value) >= 0 ? value : DEFAULTS[name];
    });
    return result;
  }

  function apply(current) {
    Object.keys(current).forEach(function (name) {
      root.setAttribute("data-a11y-" + name, current[name]);
    });
  }

  function sync() {
    var on = root.classList.contains("a11y");
    var current = settings();
    apply(current);
    document.querySelectorAll("[data-a11y-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Обычная версия" : "Версия для слабовидящих";
    });
    document.querySelectorAll("[data-a11y-set]").forEach(function (button) {
      var parts = button.getAttribute("data-a11y-set").split(":");
      button.setAttribute("aria-pressed", current[parts[0]] === parts[1] ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-a11y-toggle]");
    if (toggle) {
      var on = root.classList.toggle("a11y");
      write(KEY, on ? "on" : "off");
      sync();
      return;
    }
    var choice = event.target.closest("[data-a11y-set]");
    if (choice) {
      var parts = choice.getAttribute("data-a11y-set").split(":");
      var current = settings();
      current[parts[0]] = parts[1];
      write(SETTINGS_KEY, JSON.stringify(current));
      sync();
    }
  });

  if (window.document$) {
    window.document$.subscribe(sync); // the theme's instant navigation swaps the page body
  } else {
    document.addEventListener("DOMContentLoaded", sync);
  }
  sync();
})();
