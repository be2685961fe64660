/* Public guide: quick exit, navigation that leaves a single history entry, print button.
 * The guide works without this file: links and GET forms are plain HTML. */
(function () {
  "use strict";

  var root = document.documentElement.getAttribute("data-guide-root") || "/guide/";
  var exitLink = document.querySelector("[data-quick-exit]");
  var exitUrl = exitLink ? exitLink.href : "https://meteofrance.com/";

  // Quick exit: hide the page at once, then replace the current history entry with a
  // neutral site, so that the back button does not come back here.
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.textContent = "";
    window.location.replace(exitUrl);
  }

  if (exitLink) {
    exitLink.addEventListener("click", leave);
  }

  // The Shift key pressed three times within two seconds also leaves.
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 2000; });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });

  // Inside the guide, every page replaces the previous one in the history: after a
  // quick exit, "back" leads to what was open before the guide, not to the guide.
  function inGuide(url) {
    return url.origin === window.location.origin && url.pathname.indexOf(root) === 0;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("data-quick-exit") || link.target) {
      return;
    }
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!inGuide(url)) {
      return;
    }
    event.preventDefault();
    window.location.replace(url.href);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "get") {
      return;
    }
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    if (!inGuide(url)) {
      return;
    }
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    window.location.replace(url.pathname + (query ? "?" + query : ""));
  });

  // Print button for the checklist (hidden without JavaScript, a sentence says how).
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    var fallback = document.querySelector("[data-print-fallback]");
    if (fallback) {
      fallback.hidden = true;
    }
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
