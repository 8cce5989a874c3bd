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
})();
