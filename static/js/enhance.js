// Progressive enhancement for htmx swaps. Every form also works without this.
(function () {
  "use strict";

  // After a swap, move focus to what the new content marks for it: the new
  // question's heading (so a screen reader reads it out, as a page load
  // would), or the Save button of a checklist item that was just saved.
  document.addEventListener("htmx:afterSettle", function () {
    var next = document.querySelector("[data-focus-after-swap]");
    if (!next) return;
    next.removeAttribute("data-focus-after-swap");
    if (!next.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(next.tagName)) {
      next.setAttribute("tabindex", "-1");
    }
    next.focus();
  });

  // "Making your PDF": once the poll brings the ready notice, download the
  // file (the notice keeps a link for when the browser does not).
  document.addEventListener("htmx:afterSettle", function () {
    var ready = document.querySelector("[data-download]");
    if (!ready) return;
    var url = ready.getAttribute("data-download");
    ready.removeAttribute("data-download");
    window.location.href = url;
  });

  // The page gives the words, in its own language: includes/enhance.html
  // on every page that loads this script, or the live region's own data-*.
  function text(name) {
    var source = document.getElementById("script-text");
    var live = document.getElementById("live-status");
    return (source && source.dataset[name]) || (live && live.dataset[name]) || "";
  }

  // A failed request (server or network) leaves the page as it was; say so.
  function announce(message) {
    var live = document.getElementById("live-status");
    if (live) live.textContent = message;
  }
  document.addEventListener("htmx:responseError", function () {
    announce(text("failed"));
  });
  document.addEventListener("htmx:sendError", function () {
    announce(text("offline"));
  });
})();
