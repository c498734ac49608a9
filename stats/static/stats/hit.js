/* Counts this page view once: no cookie, nothing read from the visitor's device. */
(function () {
  var s = document.currentScript, u = (s && s.getAttribute("data-url")) || "/api/hit/";
  function send() {
    var d = JSON.stringify({ path: location.pathname, ref: document.referrer });
    if (!(navigator.sendBeacon && navigator.sendBeacon(u, d)) && window.fetch) {
      fetch(u, { method: "POST", body: d, keepalive: true, headers: { "Content-Type": "text/plain" } });
    }
  }
  // A page prerendered by the browser is counted only if the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
