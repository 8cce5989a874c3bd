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
