// Progressive enhancement for htmx swaps. Every form also works without this.
(function () {
  "use strict";

  // After a question or step is swapped in, move focus to its heading so a
  // screen reader announces the new question, as a page load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.isConnected) {
      target = document.getElementById("step");
    }
    if (!target) return;
    var focusTarget = target.querySelector("[data-focus-after-swap]");
    if (!focusTarget) return;
    if (!focusTarget.hasAttribute("tabindex")) focusTarget.setAttribute("tabindex", "-1");
    focusTarget.focus();
  });

  // A failed request (server or network) leaves the page as it was; say so.
  document.addEventListener("htmx:responseError", function () {
    var live = document.getElementById("live-status");
    if (live) live.textContent = "Sorry, that did not save. Please try again.";
  });
  document.addEventListener("htmx:sendError", function () {
    var live = document.getElementById("live-status");
    if (live) live.textContent = "Sorry, we could not reach the site. Check your connection and try again.";
  });
})();
