/* The conversation opener on the capture page. The page works without this file: "another
 * opener" is then a link that reloads the page with the next one. With it:
 * - "another opener" turns to the next opener without a reload and records it in the form,
 * - the opener is shown in the client's language as soon as the worker chooses it.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-opener]");
  var form = document.getElementById("capture-form");
  if (!box || !form) return;
  var items = Array.prototype.slice.call(box.querySelectorAll("[data-opener-id]"));
  var field = form.querySelector("input[name=opener]");
  var another = box.querySelector("[data-opener-another]");

  function current() {
    for (var i = 0; i < items.length; i++) if (!items[i].hidden) return i;
    return 0;
  }

  function show(index) {
    items.forEach(function (item, i) {
      item.hidden = i !== index;
    });
    var id = items[index].getAttribute("data-opener-id");
    if (field) field.value = id;
    if (another) another.setAttribute("href", "?after=" + id);
  }

  function showLanguage(language) {
    box.querySelectorAll("[data-language]").forEach(function (text) {
      text.hidden = text.getAttribute("data-language") !== language;
    });
  }

  if (another) {
    another.addEventListener("click", function (event) {
      event.preventDefault();
      show((current() + 1) % items.length);
    });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.name === "language" && target.checked) showLanguage(target.value);
  });

  // A restored draft sets the language and the opener without a change event: show what
  // the form will record once the page has loaded.
  window.addEventListener("load", function () {
    var chosen = form.querySelector("input[name=language]:checked");
    if (chosen) showLanguage(chosen.value);
    if (field) {
      for (var i = 0; i < items.length; i++) {
        if (items[i].getAttribute("data-opener-id") === field.value) show(i);
      }
    }
  });
})();
