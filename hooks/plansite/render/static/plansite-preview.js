/* Preview only (plansite serve / plansite edit): while the last rebuild failed, show its
 * problems at the top of the page, above the last good content. The notice comes from
 * plansite-problems.json beside this script, written by every build and by a failed one. */
(function () {
  "use strict";

  var script = document.currentScript;
  var source = new URL("plansite-problems.json", script ? script.src : window.location.href);
  var STYLE =
    "margin:0;padding:.8rem 1.2rem;background:#fff3cd;color:#3d2c00;border-bottom:3px solid #b02a00;" +
    "font:1rem/1.45 system-ui,sans-serif;position:relative;z-index:10";
  var shown = "";

  function show(html) {
    if (html === shown) {
      return;
    }
    shown = html;
    var old = document.getElementById("plansite-problems");
    if (old) {
      old.remove();
    }
    if (!html) {
      return;
    }
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var notice = holder.firstElementChild;
    notice.setAttribute("style", STYLE);
    document.body.insertBefore(notice, document.body.firstChild);
  }

  function poll() {
    fetch(source.href, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { html: "" }; })
      .then(function (answer) { show(answer.html || ""); })
      .catch(function () { /* the preview is restarting: try again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }

  poll();
})();
