/* In a sandboxed frame without its own origin (WordPress wraps oEmbed iframes from
   providers it does not trust in sandbox="allow-scripts"), forms cannot be sent, so
   the questions would silently do nothing. Show instead: the emergency line (the
   banner stays), one sentence and the check's address. See docs/embedding.md. */
(function () {
  "use strict";
  // An opaque origin in a frame: the sandbox withholds allow-same-origin.
  if (window.parent === window || window.origin !== "null") return;
  var root = document.getElementById("widget");
  var fallback = document.getElementById("framed-fallback");
  if (!root || !fallback) return;

  Array.prototype.slice.call(root.children).forEach(function (child) {
    if (!child.classList.contains("banner")) root.removeChild(child);
  });
  // The sandbox blocks tel: links too (no top navigation, no pop-ups): show the
  // number as text rather than a link that does nothing.
  Array.prototype.slice.call(root.querySelectorAll("a.tel")).forEach(function (link) {
    var number = document.createElement("strong");
    number.className = "tel";
    number.setAttribute("dir", "ltr");
    number.textContent = link.textContent;
    link.parentNode.replaceChild(number, link);
  });
  root.appendChild(fallback.content.cloneNode(true));
  // The address from the server's own fields (partner, language): never an answer.
  root.querySelector("[data-framed-address]").textContent =
    location.origin + fallback.getAttribute("data-path");
  document.documentElement.setAttribute("data-framed", "sandboxed");

  // WordPress's embed protocol (wp-includes/js/wp-embed.js): the parent adds
  // "#?secret=…" to our URL, keeps the frame hidden until we speak, and sets its
  // height from {message: "height", value, secret}. It contains nothing else.
  var match = /secret=([A-Za-z0-9]{1,64})/.exec(location.hash);
  if (!match) return;
  var secret = match[1];
  var last = -1;
  function sendHeight(force) {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && !force) return;
    last = height;
    // The target origin is unknown inside the sandbox; the message carries only a
    // height and the parent's own secret.
    window.parent.postMessage({ message: "height", value: height, secret: secret }, "*");
  }
  sendHeight(true);
  window.addEventListener("load", function () { sendHeight(true); });
  if ("ResizeObserver" in window) new ResizeObserver(function () { sendHeight(false); }).observe(root);
  window.addEventListener("message", function (event) {
    var data = event.data;
    // wp-embed.js says "ready" when it loaded after us: answer again.
    if (event.source === window.parent && data && data.message === "ready" && data.secret === secret) {
      sendHeight(true);
    }
  });
})();
