/* Bleeding in pregnancy check embed loader: see docs/embedding.md. No globals. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src || !script.dataset.partner) return;
  var data = script.dataset;
  var host = new URL(script.src).origin;
  // Filled in by the server with the iframe title in each shipped language.
  var TITLES = {/*TITLES*/};
  var PREFIX = "bleeding-check:";
  var MIN = 150, MAX = 12000, MAX_RESIZES_PER_SECOND = 30;
  var id = "bc" + Math.random().toString(36).slice(2, 10);
  var lang = (data.lang || document.documentElement.lang || "en").toLowerCase();

  var params = new URLSearchParams({ partner: data.partner, embed: id, embed_origin: location.origin });
  if (data.lang) params.set("lang", data.lang);
  if (data.region) params.set("region", data.region);
  var iframe = document.createElement("iframe");
  iframe.src = host + "/?" + params;
  iframe.title = TITLES[lang] || TITLES[lang.split("-")[0]] || TITLES.en || "Bleeding in pregnancy check";
  // The partner page's exit shortcut needs the widget loaded: eager then.
  iframe.loading = data.loading === "eager" || "exitShortcut" in data ? "eager" : "lazy";
  // Each permission is explained in docs/embedding.md.
  iframe.setAttribute("sandbox",
    "allow-downloads allow-forms allow-scripts allow-same-origin allow-top-navigation-by-user-activation");
  iframe.referrerPolicy = "no-referrer";
  // CSSOM properties, not a style attribute: allowed under a strict style-src.
  iframe.style.display = "block";
  iframe.style.width = "100%";
  iframe.style.border = "0";
  iframe.style.height = "600px";

  var container;
  function place() {
    container = data.target ? document.querySelector(data.target) : null;
    if (!container) {
      if (data.target && document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", place);
        return;
      }
      container = document.createElement("div");
      container.className = "bleeding-check-embed";
      script.parentNode.insertBefore(container, script);
    }
    container.appendChild(iframe);
  }
  place();

  function fire(name, detail) {
    container.dispatchEvent(new CustomEvent(PREFIX + name, { bubbles: true, detail: detail }));
  }

  function is(value, pattern) { return typeof value === "string" && pattern.test(value); }

  var loads = 0, resizes = 0, since = 0;
  window.addEventListener("message", function (event) {
    var m = event.data;
    // Only our own iframe, served from the widget host, speaking our shape.
    if (event.source !== iframe.contentWindow || event.origin !== host) return;
    if (!m || typeof m !== "object" || m.embedId !== id || typeof m.type !== "string") return;
    if (m.type.indexOf(PREFIX) !== 0) return;
    var type = m.type.slice(PREFIX.length);
    if (type === "height") {
      if (typeof m.height !== "number" || !isFinite(m.height)) return;
      var now = Date.now();
      if (now - since > 1000) { since = now; resizes = 0; }
      if (++resizes > MAX_RESIZES_PER_SECOND) return; // a runaway can never loop
      iframe.style.height = Math.round(Math.min(MAX, Math.max(MIN, m.height))) + "px";
    } else if (type === "ready") {
      // The partner's fallback text stays visible until the widget has loaded.
      container.querySelectorAll("[data-bleeding-check-fallback]").forEach(function (e) { e.hidden = true; });
      if (++loads === 1) fire("ready", {});
    } else if (type === "step" || type === "outcome") {
      // A question or the advice is shown. step, questionId and level come only
      // for a partner that asked for each (docs/embedding.md, section 4).
      var detail = {};
      if (typeof m.step === "number") detail.step = m.step;
      if (is(m.questionId, /^[a-z_]{1,40}$/)) detail.questionId = m.questionId;
      if (is(m.level, /^(emergency|urgent|soon|routine)$/)) detail.level = m.level;
      moved(m.initial);
      fire(type, detail);
    }
  });

  // A new step: bring the widget's top into view if it scrolled above the
  // viewport. Never on the first page shown, and never moves focus.
  function moved(initial) {
    if ((!initial || loads > 1) && iframe.getBoundingClientRect().top < 0) {
      iframe.scrollIntoView({ block: "start" });
    }
  }

  // ---- "Exit this page" on the partner page (docs/embedding.md) ----
  // Our iframe tells us the partner's exit_url and the texts in the reader's
  // language, and may ask us to replace this page (its button or shortcut,
  // when the browser does not let the frame do it). With data-exit-shortcut
  // on the script tag, Shift pressed 3 times within 5 seconds on this page
  // exits too; the progress is shown and announced (role=status), and the
  // same box covers the page with "Loading." while the exit page loads.
  var exit, presses = 0, timer, modified, note;
  function say(text) {
    if (!note) {
      note = document.createElement("div");
      note.setAttribute("role", "status");
      Object.assign(note.style, { position: "fixed", top: 0, right: 0, zIndex: 2147483647,
        background: "#fff", color: "#0b0c0c", fontWeight: 700, display: "flex",
        alignItems: "center", justifyContent: "center" });
      document.body.appendChild(note);
    }
    note.textContent = text;
    note.style.padding = text ? "1rem" : 0;
  }
  function leave() {
    say(exit.text.loading);
    Object.assign(note.style, { bottom: 0, left: 0, fontSize: "1.5rem" });
    location.replace(exit.url);
  }
  window.addEventListener("message", function (event) {
    var m = event.data;
    if (event.source === iframe.contentWindow && event.origin === host && m && m.embedId === id &&
        m.type === PREFIX + "exit" && /^https:\/\/\S+$/.test(m.url) && m.text) {
      exit = m;
      say("");
      if (m.now) leave();
    }
  });
  if ("exitShortcut" in data) document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      if (presses) { presses = 0; clearTimeout(timer); say(""); }
    } else if (!modified && exit) {
      if (++presses > 2) { clearTimeout(timer); leave(); return; }
      say(exit.text[presses > 1 ? "one" : "two"]);
      if (presses < 2) {
        clearTimeout(timer);
        timer = setTimeout(function () {
          presses = 0;
          say(exit.text.reset);
          timer = setTimeout(say, 5000, "");
        }, 5000);
      }
    }
    modified = event.shiftKey;
  }, true);
})();
