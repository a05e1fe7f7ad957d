/* Kumppanuus page behaviour. Every page works without this file; it adds:
 * - focus on the error summary,
 * - a draft of the capture form kept on this device until the note is saved, the worker
 *   logs out or the session ends for idleness (then every draft on the device goes: it
 *   holds a client's words; notes saved offline and waiting stay, see the queue),
 * - "asked, nothing to add" asks first when words were typed (a dialog; the server asks
 *   without this file),
 * - an offline queue: a note saved while the network is down stays on this device with its
 *   idempotency key and is sent when the network returns (the key makes a repeat harmless);
 *   a note that wants a receipt shows its receipt code at once, the one inside its capture
 *   token, so the client leaves with the code that works once the note is sent; logging out
 *   with notes still waiting asks first,
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
  // a client's words once its worker has left. Notes saved offline and waiting to be sent
  // are saved notes: they go only with their own worker's yes (`withOwnQueue`, at logout),
  // never at the idle end of a session nor at another worker's logout.
  function clearAllDrafts(store, withOwnQueue) {
    if (!store) return;
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (!key || key.indexOf(DRAFT_PREFIX) !== 0) continue;
      if (key.indexOf(DRAFT_PREFIX + "queue:") === 0 && !(withOwnQueue && key === queueKey())) {
        continue;
      }
      store.removeItem(key);
    }
  }

  var DRAFT_PREFIX = "kumppanuus:draft:";

  // The queue holds a client's words like a draft, so it shares the drafts' prefix; it goes
  // at its worker's logout (asked first), and stays at the idle end of a session, to be sent
  // once the worker logs in again.
  function queueKey() {
    return DRAFT_PREFIX + "queue:" + userId;
  }

  function readQueue(store) {
    if (!store || !userId) return [];
    try {
      var queue = JSON.parse(store.getItem(queueKey()) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch (e) {
      return [];
    }
  }

  function writeQueue(store, queue) {
    if (queue.length) {
      store.setItem(queueKey(), JSON.stringify(queue));
    } else {
      store.removeItem(queueKey());
    }
  }

  function formBody(fields, csrf) {
    var data = new FormData();
    fields.forEach(function (field) {
      data.append(field[0], field[0] === "csrfmiddlewaretoken" && csrf ? csrf : field[1]);
    });
    return data;
  }

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
  // Logging out deletes every draft and queued note on the device (they hold a client's
  // words). Notes still waiting to be sent are not thrown away without the worker's yes.
  document.querySelectorAll("[data-clear-drafts]").forEach(function (form) {
    var confirmLogout = document.getElementById("confirm-logout");
    form.addEventListener("submit", function (event) {
      var waiting = readQueue(store).length;
      var confirmed = event.submitter && event.submitter.name === "discard_queue";
      if (waiting && !confirmed && confirmLogout && typeof confirmLogout.showModal === "function") {
        event.preventDefault();
        confirmLogout.querySelector("[data-queue-count]").textContent = String(waiting);
        confirmLogout.showModal();
        return;
      }
      clearAllDrafts(store, true);
    });
    if (confirmLogout) {
      confirmLogout.querySelector("[data-dialog-cancel]").addEventListener("click", function () {
        confirmLogout.close();
      });
    }
  });

  // Set on the capture page: takes a queued note the server sent back into the form.
  var takeBack = null;

  var form = document.querySelector("[data-draft-form]");
  if (form && store && userId) {
    var fieldNames = ["token", "unit", "channel", "language", "client_text", "kind", "themes",
      "worker_observation", "may_publish", "wants_receipt"];

    // The receipt code inside each capture token the page holds, grouped for the client:
    // the form's own token (its value as the server drew it), the spare ones, and those of
    // a restored draft. A code is looked up by its token, so a note never shows another's.
    var receiptCodes = {};
    var tokenInput = form.querySelector("[name='token']");
    if (tokenInput && form.getAttribute("data-receipt-code")) {
      receiptCodes[tokenInput.defaultValue] = form.getAttribute("data-receipt-code");
    }
    var spareTokens = [];
    try {
      JSON.parse(document.getElementById("capture-spare-tokens").textContent).forEach(function (spare) {
        if (!spare || !spare.token) return;
        spareTokens.push(spare.token);
        if (spare.code) receiptCodes[spare.token] = spare.code;
      });
    } catch (e) {
      spareTokens = [];
    }

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
        store.setItem(draftKey(), JSON.stringify({
          savedAt: Date.now(), fields: data, code: receiptCodes[data.token] || ""
        }));
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
          // again can never create a second note (and its receipt code stays the same).
          if (draft.code && draft.fields.token) receiptCodes[draft.fields.token] = draft.code;
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

    // --- "Asked, nothing to add" with words typed: confirm first ---
    var dialog = document.getElementById("confirm-nothing");
    var nothingButton = form.querySelector("button[name='action'][value='nothing_to_add']");
    if (dialog && nothingButton && typeof dialog.showModal === "function") {
      nothingButton.addEventListener("click", function (event) {
        if (!hasContent(serialise())) return;
        event.preventDefault();
        dialog.showModal();
      });
      dialog.querySelector("[data-dialog-cancel]").addEventListener("click", function () {
        dialog.close();
      });
      dialog.addEventListener("close", function () {
        nothingButton.focus();
      });
    }

    // --- Offline queue ---
    var queueStatus = document.getElementById("capture-queue");
    var receiptPanel = document.getElementById("capture-receipt");
    var bypass = false;

    // The receipt code of the note just saved on this phone, large enough to read out or
    // copy onto a slip. It stays until the worker hides it or saves the next note.
    var showReceipt = function (code) {
      if (!receiptPanel) return;
      if (!code) {
        receiptPanel.hidden = true;
        return;
      }
      receiptPanel.querySelector("[data-receipt-code]").textContent = code;
      receiptPanel.hidden = false;
      receiptPanel.focus();
    };
    if (receiptPanel) {
      receiptPanel.querySelector("[data-receipt-hide]").addEventListener("click", function () {
        receiptPanel.hidden = true;
        receiptPanel.querySelector("[data-receipt-code]").textContent = "";
        var words = form.querySelector("[name='client_text']");
        if (words) words.focus();
      });
    }

    var showQueued = function (message) {
      var waiting = readQueue(store).length;
      queueStatus.className = "capture-queue notice";
      queueStatus.textContent = message + (waiting ? " " +
        queueStatus.getAttribute("data-text-waiting") + " " + waiting : "");
    };

    var clearNote = function () {
      ["client_text", "worker_observation"].forEach(function (name) {
        var input = form.querySelector("[name='" + name + "']");
        if (input) input.value = "";
      });
      form.querySelectorAll("[name='kind'], [name='themes'], [name='may_publish'], " +
        "[name='wants_receipt'], [name='confirm_privacy']").forEach(function (input) {
        input.checked = false;
      });
    };

    var clearForNextNote = function () {
      clearNote();
      var token = form.querySelector("[name='token']");
      var next = spareTokens.shift();
      store.removeItem(draftKey());
      if (next) {
        token.value = next;
        return true;
      }
      // No fresh idempotency key left: another note now would repeat a queued one's.
      token.value = "";
      form.querySelectorAll("button[name='action']").forEach(function (button) {
        button.disabled = true;
      });
      return false;
    };

    // A queued note the server sent back for checking goes into the form at once, with its
    // token and so its receipt code, the one the client was given. While the worker writes
    // another note it is not taken (false): it waits in the queue until the form is free.
    takeBack = function (returned) {
      if (hasContent(serialise())) return false;
      var token = form.querySelector("[name='token']");
      if (token.value && token.value !== returned.fields.token) spareTokens.unshift(token.value);
      if (returned.code) receiptCodes[returned.fields.token] = returned.code;
      clearNote();
      restore(returned.fields);
      form.querySelectorAll("button[name='action']").forEach(function (button) {
        button.disabled = false;
      });
      save();
      return true;
    };

    form.addEventListener("submit", function (event) {
      if (bypass || event.defaultPrevented) return;
      var submitter = event.submitter;
      var action = submitter && submitter.name === "action" ? submitter.value : "save";
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== "action") fields.push([name, String(value)]);
      });
      fields.push(["action", action]);
      event.preventDefault();
      var url = window.location.pathname;
      var nothing = action !== "save";
      // "Nothing to add" answers with a redirect back here and a message: not following it
      // leaves the message for the page the browser then opens.
      fetch(url, {
        method: "POST",
        body: formBody(fields, null),
        credentials: "same-origin",
        redirect: nothing ? "manual" : "follow"
      }).then(function (response) {
        if (response.status >= 502 && response.status <= 504) {
          throw new Error("unavailable");
        }
        if (response.type === "opaqueredirect") {
          store.removeItem(draftKey());
          window.location.assign(url);
        } else if (response.redirected) {
          window.location.assign(response.url);
        } else {
          // Errors to show: let the browser post the form itself (nothing was saved).
          bypass = true;
          if (dialog && dialog.open) dialog.close();
          form.requestSubmit(submitter || undefined);
        }
      }).catch(function () {
        if (dialog && dialog.open) dialog.close();
        var sent = {};
        fields.forEach(function (field) {
          sent[field[0]] = field[1];
        });
        var code = receiptCodes[sent.token] || "";
        var queue = readQueue(store);
        queue.push({ savedAt: Date.now(), url: url, fields: fields, code: code });
        writeQueue(store, queue);
        var message = queueStatus.getAttribute("data-text-queued");
        if (!clearForNextNote()) message += " " + queueStatus.getAttribute("data-text-full");
        showQueued(message);
        showReceipt(!nothing && sent.wants_receipt ? code : "");
      });
    });
  }

  // Notes saved on this device while the network was down, sent in order once it returns.
  var flushing = false;
  var flushQueue = function () {
    var queue = readQueue(store);
    if (flushing || !queue.length || !userId) return;
    flushing = true;
    var item = queue[0];
    var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
    var status = document.getElementById("capture-queue");
    var say = function (name) {
      if (!status) return;
      var waiting = readQueue(store).length;
      status.className = "capture-queue notice";
      status.textContent = status.getAttribute(name) + (waiting ? " " +
        status.getAttribute("data-text-waiting") + " " + waiting : "");
    };
    fetch(item.url, {
      method: "POST",
      body: formBody(item.fields, csrf ? csrf.value : null),
      credentials: "same-origin"
    }).then(function (response) {
      flushing = false;
      var path = new URL(response.url, window.location.href).pathname;
      var loginPath = new URL(body.getAttribute("data-login-url") || "/", window.location.href).pathname;
      if (response.redirected && path === loginPath) {
        say("data-text-login");
        return;
      }
      if (!response.redirected) {
        if (response.status !== 200) return; // refused or unavailable: try again later
        // The form came back with errors: the note goes back into the form, to be checked.
        var draftFields = {};
        item.fields.forEach(function (field) {
          if (field[0] === "themes") {
            draftFields.themes = (draftFields.themes || []).concat([field[1]]);
          } else if (field[0] !== "csrfmiddlewaretoken" && field[0] !== "action") {
            draftFields[field[0]] = ["may_publish", "wants_receipt"].indexOf(field[0]) !== -1 ? true : field[1];
          }
        });
        // It leaves the queue only once it has a place: the client may hold its code.
        var returned = { savedAt: Date.now(), fields: draftFields, code: item.code || "" };
        if (takeBack) {
          if (!takeBack(returned)) return;
        } else if (store.getItem(draftKey())) {
          return; // another draft waits for the form first
        } else {
          store.setItem(draftKey(), JSON.stringify(returned));
        }
        writeQueue(store, readQueue(store).slice(1));
        say("data-text-check");
        return;
      }
      writeQueue(store, readQueue(store).slice(1));
      say("data-text-sent");
      flushQueue();
    }, function () {
      flushing = false;
    });
  };
  if (store && userId) {
    window.addEventListener("online", flushQueue);
    setInterval(function () {
      if (navigator.onLine !== false) flushQueue();
    }, 10000);
    if (navigator.onLine !== false) flushQueue();
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
        var receipt = document.getElementById("capture-receipt");
        if (receipt) receipt.hidden = true;
        clearAllDrafts(store, false);
        var kept = readQueue(store).length;
        text.textContent = text.getAttribute("data-text-expired") + (kept ? " " +
          text.getAttribute("data-text-queue-kept") + " " + kept : "");
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
