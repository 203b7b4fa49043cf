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

  // A failed request (server or network) leaves the page as it was; say so,
  // in the page's language when the live region carries the words
  // (data-not-saved, data-offline), else in English.
  function announce(key, message) {
    var live = document.getElementById("live-status");
    if (live) live.textContent = live.getAttribute(key) || message;
  }
  document.addEventListener("htmx:responseError", function () {
    announce("data-not-saved", "Sorry, that did not save. Please try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    announce("data-offline", "Sorry, we could not reach the site. Check your connection and try again.");
  });
})();
