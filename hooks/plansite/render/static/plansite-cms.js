/* The site's additions to Decap CMS, loaded just before decap-cms.js:
 * - the preview pane shows a post as the site does: the site's own stylesheets (read from
 *   the home page, so their hashed names need not be known here), title, date, category,
 *   lead picture and body, updated as the editor types;
 * - empty optional fields are left out of the saved file (the loader asks for a value in
 *   every field that is written), so what is saved is exactly what the README describes.
 * Decap starts only once the stylesheets are known (CMS_MANUAL_INIT).
 */
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;

  var OPTIONAL_FIELDS = ["municipality", "plan", "tags", "summary", "image"];
  var MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
  ];

  function siteStylesheets() {
    var home = new URL("../", window.location.href);
    return fetch(home.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var links = page.querySelectorAll('link[rel="stylesheet"][href]');
        return Array.prototype.map.call(links, function (link) {
          return new URL(link.getAttribute("href"), home).href;
        });
      })
      .catch(function () { return []; });
  }

  /* "2019-04-19 10:30" (Moscow time, as saved) → "19 апреля 2019, 10:30". */
  function russianDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(String(value || ""));
    if (!match) {
      return String(value || "");
    }
    var text = Number(match[3]) + "\u00a0" + MONTHS[Number(match[2]) - 1] + " " + match[1];
    return match[4] ? text + ", " + match[4] + ":" + match[5] : text;
  }

  function isEmpty(value) {
    if (value === null || value === undefined) {
      return true;
    }
    if (typeof value === "string") {
      return value.trim() === "";
    }
    return typeof value.size === "number" && value.size === 0;
  }

  function withoutEmptyOptionalFields(event) {
    var data = event.entry.get("data");
    OPTIONAL_FIELDS.forEach(function (name) {
      if (data.has(name) && isEmpty(data.get(name))) {
        data = data.delete(name);
      }
    });
    return data;
  }

  function postPreview(CMS) {
    var h = window.h;
    return window.createClass({
      render: function () {
        var entry = this.props.entry;
        var title = entry.getIn(["data", "title"]) || "Без заголовка";
        var byline = [
          russianDate(entry.getIn(["data", "date"])),
          entry.getIn(["data", "category"]),
        ].filter(Boolean).join(" · ");
        var image = entry.getIn(["data", "image"]);
        var lead = image
          ? h("img", { className: "post-lead", src: String(this.props.getAsset(image)), alt: "" })
          : null;
        var draft = entry.getIn(["data", "draft"])
          ? h("p", { className: "plansite-preview-draft" }, "Черновик: на сайт не попадёт.")
          : null;
        return h(
          "div",
          { className: "md-container" },
          h(
            "main",
            { className: "md-main" },
            h(
              "div",
              { className: "md-main__inner md-grid" },
              h(
                "div",
                { className: "md-content" },
                h(
                  "article",
                  { className: "md-content__inner md-typeset" },
                  h("h1", {}, title),
                  draft,
                  h("p", { className: "post-byline" }, byline),
                  lead,
                  h("div", { className: "post-body" }, this.props.widgetFor("body"))
                )
              )
            )
          )
        );
      },
    });
  }

  function start() {
    var CMS = window.CMS;
    if (!CMS) {
      return;
    }
    siteStylesheets().then(function (sheets) {
      sheets.forEach(function (href) { CMS.registerPreviewStyle(href); });
      CMS.registerPreviewTemplate("news", postPreview(CMS));
      CMS.registerEventListener({ name: "preSave", handler: withoutEmptyOptionalFields });
      CMS.init();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
