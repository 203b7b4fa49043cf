// Packet task pages: autosave feedback, a warning before leaving unsaved
// text, and a live character count. Every page also works without this.
(function () {
  "use strict";

  // --- Unsaved changes -------------------------------------------------
  // A field is dirty from the moment it changes until a save that started
  // after that change succeeds (autosave), or its form is submitted.
  var dirty = new Map(); // element -> change counter when it became dirty
  var changes = 0;

  function watched(target) {
    return target && target.closest && target.closest("form[data-warn-unsaved]");
  }
  function markDirty(event) {
    if (!watched(event.target)) return;
    changes += 1;
    dirty.set(event.target, changes);
  }
  // Capture phase: a change is counted before htmx (listening on the item)
  // sends the autosave it sets off, so that save is known to cover it. Counted
  // after, a status change stayed "unsaved" once saved, and leaving the page
  // warned for nothing.
  document.addEventListener("input", markDirty, true);
  document.addEventListener("change", markDirty, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    dirty.forEach(function (_count, element) {
      if (form.contains(element)) dirty.delete(element);
    });
  });

  // Remember how far the changes had got when each autosave set off.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.elt.dataset.savedUpTo = String(changes);
  });
  function clearSaved(event) {
    // The element that sent the request (beforeSwap's own elt is the target).
    var config = event.detail.requestConfig;
    var box = (config && config.elt) || event.detail.elt;
    var xhr = event.detail.xhr;
    if (!box || !xhr || !box.hasAttribute("data-autosave")) return;
    if (xhr.status < 200 || xhr.status >= 300) return;
    if (xhr.getResponseHeader("X-Autosave") === "refused") return;
    var upTo = Number(box.dataset.savedUpTo || "0");
    dirty.forEach(function (count, element) {
      if (box.contains(element) && count <= upTo) dirty.delete(element);
    });
  }
  // Before the swap too: the letter's autosave redraws its own form, and
  // the old form, taken out of the page, no longer tells the document.
  document.addEventListener("htmx:beforeSwap", clearSaved);
  document.addEventListener("htmx:afterRequest", clearSaved);

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Words that are true only while this script runs ("saves as you go").
  document.querySelectorAll("[data-with-scripts]").forEach(function (element) {
    element.hidden = false;
  });

  // --- Character count ---------------------------------------------------
  // The box takes more than its limit (no maxlength: a paste is never cut
  // short). The count says how many are left, or how many too many; the
  // server refuses a save over the limit and keeps the text on the page.
  // The words come from the page, in its language (includes/enhance.html).
  var source = document.getElementById("script-text");
  function word(name) {
    return (source && source.dataset[name]) || "";
  }
  function setUpCount(area) {
    var limit = Number(area.getAttribute("data-maxlength"));
    if (!limit) return;
    var count = document.createElement("p");
    count.className = "char-count hint";
    count.id = area.id + "-count";
    area.insertAdjacentElement("afterend", count);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);
    function update() {
      var left = limit - area.value.length;
      var over = -left;
      var text;
      if (over > 0) text = over === 1 ? word("overOne") : word("overMany").replace("{n}", String(over));
      else text = left === 1 ? word("leftOne") : word("leftMany").replace("{n}", String(left));
      count.textContent = text;
      count.classList.toggle("char-count-low", left < 50 && over <= 0);
      count.classList.toggle("char-count-over", over > 0);
      area.classList.toggle("is-over", over > 0);
    }
    area.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-count]").forEach(setUpCount);
})();
