// On an English page, a browser whose first language is Spanish is offered
// the Spanish page. Only an offer: the address decides the language, so
// nothing switches on its own, and without JavaScript the header's
// "Español" link is always there.
(function () {
  var offer = document.getElementById("language-offer");
  if (!offer) return;
  var first = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  if (first.toLowerCase().split("-")[0] === "es") offer.hidden = false;
})();
