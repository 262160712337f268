// The response form: saves the draft by itself a little while after a change and when the page is left, through
// the same optimistic lock as "Save the draft" (the hidden field `version`); shows when it was saved, or that
// someone else saved meanwhile (then it stops, and the text stays on the page); keeps the count of answered blocks
// and the list of blocks to jump to up to date; moves the focus to the error summary of a refused submission.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  var form = document.getElementById("response-form");
  if (!form) {
    return;
  }
  var language = document.documentElement.lang || "en";
  var status = document.getElementById("autosave-status");
  var versionField = form.querySelector("input[name=version]");
  var url = form.dataset.autosaveUrl;
  var delay = Math.max(Number(form.dataset.autosaveSeconds) || 30, 0.2) * 1000;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function clock(iso) {
    return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
      new Date(iso)
    );
  }

  function moment(iso) {
    return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", hourCycle: "h23" }).format(
      new Date(iso)
    );
  }

  // The count of answered blocks and the marks of the list of blocks.
  var count = document.getElementById("answered-count");
  var blocks = Array.prototype.slice.call(form.querySelectorAll(".response-block"));

  // An answer carried forward from the previous cycle counts once confirmed (ticked) or changed, and for good once
  // saved so (`settled`): the portal keeps it confirmed.
  function answerOf(block) {
    var radio = block.querySelector("input[type=radio]:checked");
    var text = block.querySelector("textarea");
    return (radio ? radio.value : "") + "\n" + (text ? text.value.trim() : "");
  }
  var carried = new Map();
  form.querySelectorAll(".response-block").forEach(function (block) {
    var confirm = block.querySelector("input.carried-confirm");
    if (confirm) {
      carried.set(block, { confirm: confirm, answer: answerOf(block) });
    }
  });

  function isAnswered(block) {
    var entry = carried.get(block);
    if (entry && !entry.settled && !entry.confirm.checked && answerOf(block) === entry.answer) {
      return false;
    }
    if (block.dataset.kind === "recommendation") {
      return block.querySelector("input[type=radio]:checked") !== null;
    }
    var text = block.querySelector("textarea");
    return text !== null && text.value.trim() !== "";
  }

  function updateCount() {
    var answered = 0;
    blocks.forEach(function (block) {
      var done = isAnswered(block);
      if (done) {
        answered += 1;
        // A block marked by a refused submission, now answered, is no longer in error.
        [block].concat(Array.prototype.slice.call(block.querySelectorAll("[aria-invalid]"))).forEach(function (element) {
          element.removeAttribute("aria-invalid");
          element.removeAttribute("aria-describedby");
        });
        var error = document.getElementById("missing-" + block.dataset.question);
        if (error) {
          error.hidden = true;
        }
      }
      var link = document.querySelector('.jump-link[data-question="' + block.dataset.question + '"]');
      if (link) {
        link.classList.toggle("is-answered", done);
        var state = link.querySelector(".jump-state");
        state.textContent = " " + (done ? state.dataset.answered : state.dataset.unanswered);
      }
    });
    if (count) {
      count.textContent = fill(count.dataset.template, { answered: answered });
    }
  }

  // The answers are written in the language of the response: their fields say so.
  var languageField = form.querySelector("select[name=language]");
  if (languageField) {
    languageField.addEventListener("change", function () {
      form.querySelectorAll("textarea").forEach(function (text) {
        text.lang = languageField.value;
      });
    });
  }

  form.addEventListener("input", updateCount);
  form.addEventListener("change", updateCount);

  if (!url || !status || !versionField) {
    return;
  }

  var dirty = false; // changed since the last save sent
  var timer = null;
  var saving = null; // the save under way (a promise)
  var stopped = false; // after a conflict or a refusal: nothing more is saved by itself
  var leaving = false; // the form is being sent: the page's own save takes over
  var pendingSubmitter = null;

  function show(text, kind) {
    status.textContent = text;
    status.classList.toggle("text-danger", kind === "error");
    status.classList.toggle("autosave-conflict", kind === "conflict");
  }

  function payload() {
    var data = new FormData(form);
    data.delete("file");
    data.delete("remove");
    return data;
  }

  function save(options) {
    if (!dirty || stopped || leaving || saving) {
      return saving;
    }
    dirty = false;
    window.clearTimeout(timer);
    timer = null;
    show(status.dataset.saving);
    var settling = [];
    carried.forEach(function (entry, block) {
      if (!entry.settled && (entry.confirm.checked || answerOf(block) !== entry.answer)) {
        settling.push(entry);
      }
    });
    saving = fetch(url, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      keepalive: Boolean(options && options.keepalive),
    })
      .then(function (answer) {
        return answer
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (answer.ok) {
              versionField.value = body.version;
              // A carried answer confirmed is saved so: its box cannot be unticked to undo that.
              settling.forEach(function (entry) {
                entry.settled = true;
                entry.confirm.disabled = entry.confirm.checked;
              });
              show(fill(status.dataset.saved, { time: clock(body.saved_at) }));
            } else if (answer.status === 409) {
              stopped = true;
              show(fill(status.dataset.conflict, { user: body.by, time: body.at ? moment(body.at) : "" }), "conflict");
            } else {
              // Refused (signed out, locked): stop; a form that does not validate is tried again at the next change.
              stopped = body.error !== "invalid";
              show(body.message || status.dataset.failed, "error");
            }
          });
      })
      .catch(function () {
        dirty = true; // try again at the next change
        show(status.dataset.failed, "error");
      })
      .finally(function () {
        saving = null;
        if (pendingSubmitter) {
          var submitter = pendingSubmitter;
          pendingSubmitter = null;
          leaving = true;
          form.requestSubmit(submitter);
        }
      });
    return saving;
  }

  function changed(event) {
    if (event.target.type === "file") {
      return;
    }
    dirty = true;
    if (timer === null && !stopped) {
      timer = window.setTimeout(function () {
        timer = null;
        save();
      }, delay);
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  form.addEventListener("submit", function (event) {
    if (saving) {
      // A save is under way: send the form once it is done, with the version it got.
      event.preventDefault();
      pendingSubmitter = event.submitter || null;
      return;
    }
    leaving = true;
    window.clearTimeout(timer);
  });

  // Leaving the page (another tab, closing, reloading, following a link): save what was typed.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save({ keepalive: true });
    }
  });
  window.addEventListener("pagehide", function () {
    save({ keepalive: true });
  });
  // Back from the browser's cache: the form is live again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      leaving = false;
    }
  });
})();
