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

  // Inside a partner's iframe (embed.js): report the height of the widget
  // and the step counter or the advice level, only to the embedding origin
  // the server checked against the partner's allowed origins. Never any
  // answer; the question's id only for a partner that opted in
  // (event_question_ids), because which questions are asked hints at answers.
  var root = document.getElementById("widget");
  var origin = root && root.getAttribute("data-embed-origin");
  var embedId = root && root.getAttribute("data-embed-id");
  var withQuestionIds = root && root.hasAttribute("data-embed-question-ids");
  if (origin && embedId && window.parent !== window) {
    var post = function (message) {
      message.type = "bleeding-check:" + message.type;
      message.embedId = embedId;
      window.parent.postMessage(message, origin);
    };
    var reportScreen = function (initial) {
      var outcome = root.querySelector("[data-outcome]");
      var main = root.querySelector("[data-question-id]");
      if (outcome) {
        post({ type: "outcome", level: outcome.getAttribute("data-outcome"), initial: initial });
      } else if (main) {
        var message = { type: "step", step: Number(main.getAttribute("data-step")), initial: initial };
        if (withQuestionIds) {
          message.questionId = main.getAttribute("data-question-id");
        }
        post(message);
      }
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
  // Quick exit: replace the top page's history entry, so Back does not return here.
  // Without JavaScript (or where the frame may not do this) the link's target="_top" does the job.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-quick-exit]") : null;
    if (!link) {
      return;
    }
    try {
      window.top.location.replace(link.href);
      event.preventDefault();
    } catch (error) {
      // Let the link navigate the top page itself.
    }
  });
})();
