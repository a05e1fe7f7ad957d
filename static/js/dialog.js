/* The insight page's "Move or merge" dialog: a native <dialog>. Without this file the
 * button submits its form and the same choices open as a page of their own. */
(function () {
  "use strict";

  document.querySelectorAll("[data-dialog-open]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("data-dialog-open"));
    if (!dialog || typeof dialog.showModal !== "function") return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = document.getElementById(button.getAttribute("form"));
      var counter = dialog.querySelector("[data-chosen-count]");
      if (form && counter) {
        var chosen = document.querySelectorAll("input[name='note'][form='" + form.id + "']:checked");
        counter.textContent = "(" + chosen.length + ")";
      }
      dialog.showModal();
      var search = dialog.querySelector("input[type='search']");
      if (search) search.focus();
    });
    dialog.querySelectorAll("[data-dialog-close]").forEach(function (close) {
      close.addEventListener("click", function () {
        dialog.close();
        button.focus();
      });
    });
  });
})();
