/* Progressive enhancement for the widget. Everything works without it. */
(function () {
  "use strict";

  // Announce the new step to screen readers after htmx swaps it in.
  document.addEventListener("htmx:after:settle", function () {
    var announcer = document.getElementById("announcer");
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = document.title; }, 50);
    }
  });

  // "None of these" is exclusive: ticking it clears the others, and the reverse.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "checkbox" || !input.checked) {
      return;
    }
    var boxes = document.querySelectorAll('input[type="checkbox"][name="' + input.name + '"]');
    boxes.forEach(function (box) {
      if (box !== input && (input.hasAttribute("data-exclusive") || box.hasAttribute("data-exclusive"))) {
        box.checked = false;
      }
    });
  });

  // Inside a partner's iframe (embed.js): report the height of the widget and
  // that a question or the advice is shown, only to the embedding origin the
  // server checked against the partner's allowed origins. Never an answer.
  // The step number, the question's id and the level only when the server put
  // them in the page: for a partner that asked for each (templates/_embed.html).
  var root = document.getElementById("widget");
  var origin = root && root.getAttribute("data-embed-origin");
  var embedId = root && root.getAttribute("data-embed-id");
  if (origin && embedId && window.parent !== window) {
    var post = function (message) {
      message.type = "bleeding-check:" + message.type;
      message.embedId = embedId;
      window.parent.postMessage(message, origin);
    };
    var reportScreen = function (initial) {
      var screen = root.querySelector("[data-embed-screen]");
      if (!screen) return;
      var message = { type: screen.getAttribute("data-embed-screen"), initial: initial };
      if (screen.hasAttribute("data-embed-step")) {
        message.step = Number(screen.getAttribute("data-embed-step"));
      }
      if (screen.hasAttribute("data-embed-question-id")) {
        message.questionId = screen.getAttribute("data-embed-question-id");
      }
      if (screen.hasAttribute("data-embed-level")) {
        message.level = screen.getAttribute("data-embed-level");
      }
      post(message);
    };
    var lastHeight = -1;
    var measure = function () {
      var height = Math.ceil(root.getBoundingClientRect().height);
      if (height !== lastHeight) {
        lastHeight = height;
        post({ type: "height", height: height });
      }
    };
    post({ type: "ready" });
    // Measured now and on load too: Chrome does not run ResizeObserver in a
    // cross-origin iframe that is off screen, so it would keep its first height.
    measure();
    window.addEventListener("load", measure);
    if ("ResizeObserver" in window) {
      // The wrapper's height does not depend on the iframe's height, so
      // resizing the iframe cannot feed back into another measurement.
      new ResizeObserver(measure).observe(root);
    }
    reportScreen(true);
    document.addEventListener("htmx:after:settle", function () {
      measure();
      reportScreen(false);
    });
  }
})();

/* ---- "Exit this page" (templates/_quick_exit.html), after the GOV.UK Frontend component ----
   The button replaces the top page with location.replace, so Back does not
   return here; Shift pressed 3 times within 5 seconds does the same, with
   progress shown (lights) and announced (role=status). Inside a partner's
   frame the top page is replaced too: directly when the browser allows it,
   else by embed.js on the partner page (asked by message), else this frame. */
(function () {
  "use strict";
  var PRESSES = 3, TIMEOUT = 5000;
  var presses = 0, timer = null, resetTimer = null, lastKeyWasModified = false;

  function region() { return document.querySelector("[data-exit-this-page]"); }
  function say(key) {
    var box = region();
    var status = box && box.querySelector("[data-exit-status]");
    if (status) status.textContent = key ? box.getAttribute("data-msg-" + key) || "" : "";
  }
  function lights(count) {
    var box = region();
    var row = box && box.querySelector(".exit-this-page-lights");
    if (!row) return;
    row.hidden = count === 0;
    Array.prototype.forEach.call(row.children, function (light, index) {
      light.classList.toggle("is-on", index < count);
    });
  }
  function reset() {
    presses = 0;
    if (timer) { window.clearTimeout(timer); timer = null; }
    lights(0);
  }

  function exitTo(url) {
    reset();
    say("loading");
    var overlay = document.createElement("div");
    overlay.className = "exit-this-page-overlay";
    overlay.setAttribute("aria-hidden", "true"); // announced through role=status instead
    overlay.textContent = (region() && region().getAttribute("data-msg-loading")) || "";
    document.body.appendChild(overlay);
    // In a partner's frame, embed.js replaces its own page (needs no user activation).
    // Only if that has not happened a second later (this frame would be gone)
    // does the frame try itself, so two navigations never race.
    var leave = function () {
      try {
        window.top.location.replace(url);
      } catch (error) {
        // Not allowed to navigate the top page from here (no activation, sandbox):
        // at least this frame leaves.
        window.location.replace(url);
      }
    };
    if (tellEmbed(url, true)) window.setTimeout(leave, 1000);
    else leave();
  }

  function exitLink() { return document.querySelector("a[data-quick-exit]"); }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-quick-exit]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    exitTo(link.href);
  });

  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      var link = exitLink();
      if (link) {
        presses += 1;
        lights(presses);
        if (resetTimer) { window.clearTimeout(resetTimer); resetTimer = null; }
        if (presses >= PRESSES) {
          exitTo(link.href);
        } else {
          say(presses === 1 ? "two" : "one");
          if (!timer) {
            timer = window.setTimeout(function () {
              reset();
              say("reset");
              resetTimer = window.setTimeout(function () { say(""); }, TIMEOUT);
            }, TIMEOUT);
          }
        }
      }
    } else if (event.key !== "Shift" && presses > 0) {
      reset();
      say("");
    }
    lastKeyWasModified = event.shiftKey;
  }, true);

  // Back to a page kept in the back/forward cache: take the overlay away.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll(".exit-this-page-overlay").forEach(function (overlay) {
      overlay.remove();
    });
    reset();
    say("");
  });

  // Tell embed.js (on the partner page) where this partner's exit goes and
  // the texts in the reader's language, for its own shortcut (data-exit-shortcut);
  // with now=true, to replace its page at once.
  function tellEmbed(url, now) {
    var root = document.getElementById("widget");
    var box = region();
    var origin = root && root.getAttribute("data-embed-origin");
    var embedId = root && root.getAttribute("data-embed-id");
    if (!origin || !embedId || !box || window.parent === window) return false;
    var text = {};
    ["two", "one", "loading", "reset"].forEach(function (key) {
      text[key] = box.getAttribute("data-msg-" + key) || "";
    });
    window.parent.postMessage(
      { type: "bleeding-check:exit", embedId: embedId, url: url, text: text, now: now }, origin);
    return true;
  }
  if (exitLink()) tellEmbed(exitLink().href, false);

  // The guidance that names the Shift key is true only with JavaScript and a
  // keyboard, so it replaces the other sentence only where a keyboard is likely:
  // the main pointer is a mouse or trackpad, or the reader has pressed Tab or
  // Shift (a phone's on-screen keyboard sends neither). docs/accessibility.md.
  var keyboard = window.matchMedia("(hover: hover) and (pointer: fine)").matches;
  function showShortcutGuidance() {
    document.querySelectorAll("[data-exit-guidance]").forEach(function (element) {
      element.hidden = element.getAttribute("data-exit-guidance") !== (keyboard ? "shortcut" : "button");
    });
  }
  showShortcutGuidance();
  document.addEventListener("htmx:after:settle", showShortcutGuidance);
  document.addEventListener("keydown", function (event) {
    if (!keyboard && (event.key === "Tab" || event.key === "Shift")) {
      keyboard = true;
      showShortcutGuidance();
    }
  }, true);
})();
