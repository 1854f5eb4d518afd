// The navigation is a <details> element so that it works without JavaScript; on a
// phone it starts folded to leave the screen to the content.
(function () {
  var nav = document.querySelector(".nav-toggle");
  if (nav && window.matchMedia("(max-width: 760px)").matches) {
    nav.removeAttribute("open");
  }
})();
