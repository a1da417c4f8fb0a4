// «Версия для слабовидящих»: high contrast and large text, switched on any page and
// remembered in this browser. No third-party code.
(function () {
  var KEY = "plansite-a11y";
  var root = document.documentElement;

  function sync() {
    var on = root.classList.contains("a11y");
    document.querySelectorAll("[data-a11y-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Обычная версия" : "Версия для слабовидящих";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y-toggle]");
    if (!button) return;
    var on = root.classList.toggle("a11y");
    try {
      localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      // Private mode: the choice lasts for this page only.
    }
    sync();
  });

  if (window.document$) {
    window.document$.subscribe(sync); // the theme's instant navigation swaps the page body
  } else {
    document.addEventListener("DOMContentLoaded", sync);
  }
  sync();
})();
