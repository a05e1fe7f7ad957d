/* Kumppanuus page behaviour. Every page works without this file; it adds:
 * - focus on the error summary,
 * - a draft of the capture form kept on this device until the note is saved, the worker
 *   logs out or the session ends for idleness (then every draft on the device goes: it
 *   holds a client's words),
 * - the idle-session warning with "continue working",
 * - the print button of the receipt slip.
 */
(function () {
  "use strict";

  var body = document.body;
  var userId = body.getAttribute("data-user");
  var DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

  function draftKey() {
    return DRAFT_PREFIX + userId;
  }

  // Every user's draft on this device, not only this user's: a shared tablet must not keep
  // a client's words once its worker has left.
  function clearAllDrafts(store) {
    if (!store) return;
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0) store.removeItem(key);
    }
  }

  var DRAFT_PREFIX = "kumppanuus:draft:";

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  // --- Error summary takes focus (GOV.UK pattern) ---
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        var details = target.closest("details");
        if (details) details.open = true;
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  // --- Drafts ---
  var store = storage();
  if (store && userId && body.hasAttribute("data-clear-draft")) {
    store.removeItem(draftKey());
  }
  document.querySelectorAll("[data-clear-drafts]").forEach(function (form) {
    form.addEventListener("submit", function () {
      clearAllDrafts(store);
    });
  });

  var form = document.querySelector("[data-draft-form]");
  if (form && store && userId) {
    var fieldNames = ["token", "unit", "channel", "client_text", "kind", "themes",
      "worker_observation", "may_publish", "wants_receipt"];

    var serialise = function () {
      var data = {};
      fieldNames.forEach(function (name) {
        var inputs = form.querySelectorAll("[name='" + name + "']");
        inputs.forEach(function (input) {
          if (input.type === "checkbox") {
            if (name === "themes") {
              data.themes = data.themes || [];
              if (input.checked) data.themes.push(input.value);
            } else {
              data[name] = input.checked;
            }
          } else if (input.type === "radio") {
            if (input.checked) data[name] = input.value;
          } else {
            data[name] = input.value;
          }
        });
      });
      return data;
    };

    var hasContent = function (data) {
      return Boolean((data.client_text || "").trim() || (data.worker_observation || "").trim());
    };

    var save = function () {
      var data = serialise();
      if (hasContent(data)) {
        store.setItem(draftKey(), JSON.stringify({ savedAt: Date.now(), fields: data }));
      } else {
        store.removeItem(draftKey());
      }
    };

    var restore = function (data) {
      Object.keys(data).forEach(function (name) {
        var value = data[name];
        form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
          if (input.type === "checkbox") {
            input.checked = name === "themes" ? value.indexOf(input.value) !== -1 : Boolean(value);
          } else if (input.type === "radio") {
            input.checked = input.value === value;
          } else {
            input.value = value;
          }
        });
      });
    };

    var formIsFresh = !hasContent(serialise()) && !summary;
    var raw = store.getItem(draftKey());
    if (raw && formIsFresh) {
      try {
        var draft = JSON.parse(raw);
        if (draft && draft.fields && Date.now() - draft.savedAt < DRAFT_MAX_AGE_MS) {
          // The draft's token carries the first attempt's idempotency key, so saving it
          // again can never create a second note.
          restore(draft.fields);
          var notice = document.getElementById("draft-notice");
          if (notice) {
            notice.hidden = false;
            document.getElementById("draft-discard").addEventListener("click", function () {
              store.removeItem(draftKey());
              window.location.reload();
            });
          }
        } else {
          store.removeItem(draftKey());
        }
      } catch (e) {
        store.removeItem(draftKey());
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  }

  // --- Idle session warning ---
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var warnBefore = parseInt(body.getAttribute("data-warning-seconds") || "0", 10);
  var banner = document.getElementById("session-warning");
  if (userId && idle > 0 && banner) {
    var text = document.getElementById("session-warning-text");
    var continueButton = document.getElementById("session-continue");
    var loginLink = document.getElementById("session-login");
    var warnTimer = null;
    var expireTimer = null;

    var schedule = function () {
      clearTimeout(warnTimer);
      clearTimeout(expireTimer);
      banner.hidden = true;
      warnTimer = setTimeout(function () {
        text.textContent = text.getAttribute("data-text-warning");
        continueButton.hidden = false;
        loginLink.hidden = true;
        banner.hidden = false;
        continueButton.focus();
      }, Math.max(idle - warnBefore, 0) * 1000);
      expireTimer = setTimeout(function () {
        // The session ended for idleness: nobody is at the device. The client's words go,
        // from the screen and from the device.
        var draftForm = document.querySelector("[data-draft-form]");
        if (draftForm) draftForm.reset();
        clearAllDrafts(store);
        text.textContent = text.getAttribute("data-text-expired");
        continueButton.hidden = true;
        loginLink.hidden = false;
        banner.hidden = false;
      }, idle * 1000);
    };

    continueButton.addEventListener("click", function () {
      var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
      fetch(body.getAttribute("data-keepalive-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "" }
      }).then(function (response) {
        if (response.ok) {
          schedule();
        } else {
          text.textContent = text.getAttribute("data-text-expired");
          continueButton.hidden = true;
          loginLink.hidden = false;
        }
      });
    });
    schedule();
  }

  // --- Print the receipt slip ---
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
