/* GET /embed-code: the "Copy the code" button. Without it the code stays
   selectable in its read-only box. Focus stays on the button; the status next
   to it (role=status, polite) says "Copied", in the page's language. */
(function () {
  "use strict";
  var button = document.querySelector("[data-copy]");
  var status = document.querySelector("[data-copy-status]");
  var code = button && document.getElementById(button.getAttribute("data-copy"));
  if (!code || !status) return;
  button.hidden = false;

  var timer;
  function say(key) {
    // Emptied first, so the same words are announced again on a second press.
    status.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = button.getAttribute(key); }, 50);
  }

  // For browsers without the Clipboard API (or outside a secure context).
  function copyBySelecting() {
    code.focus();
    code.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    code.setSelectionRange(0, 0);
    button.focus();
    return copied;
  }

  button.addEventListener("click", function () {
    var text = code.value;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say("data-msg-copied"); },
        function () { say(copyBySelecting() ? "data-msg-copied" : "data-msg-failed"); }
      );
    } else {
      say(copyBySelecting() ? "data-msg-copied" : "data-msg-failed");
    }
  });
})();
