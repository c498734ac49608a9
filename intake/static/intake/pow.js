// Solves the form's proof-of-work challenge (ALTCHA v1: the number n in 0..maxNumber whose
// SHA-256(salt + n) is the challenge) in this browser, then fills the hidden field. No request leaves the
// page for it. The work starts when the reader first enters the form (not while the page loads, where it would
// hold up a slow phone's first screen); a submit before the answer is found waits for it.
(function () {
  "use strict";

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxNumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) return n;
    }
    return null;
  }

  function setUp(field) {
    var form = field.form;
    var status = form.querySelector("[data-intake-status]");
    var challenge;
    try {
      challenge = JSON.parse(field.getAttribute("data-intake-pow"));
    } catch (e) {
      return;
    }
    function say(text) { if (status) status.textContent = text; }
    if (!window.crypto || !crypto.subtle) {
      say("Trình duyệt này không hỗ trợ xác minh chống thư rác. Vui lòng dùng trình duyệt khác.");
      return;
    }
    var waiting = false, solved = null;
    function start() {
      solved = solved || solve(challenge).then(function (number) {
        if (number === null) { say("Không xác minh được trình duyệt. Vui lòng tải lại trang."); return false; }
        field.value = btoa(JSON.stringify({
          algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
          salt: challenge.salt, signature: challenge.signature
        }));
        if (waiting) say("");
        return true;
      });
      return solved;
    }
    form.addEventListener("focusin", start, { once: true });
    form.addEventListener("pointerdown", start, { once: true });
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      event.preventDefault();
      waiting = true;
      say("Đang xác minh trình duyệt, biểu mẫu sẽ được gửi ngay sau đó…");
      start().then(function (ok) { if (ok) form.submit(); });
    });
  }

  document.querySelectorAll("input[data-intake-pow]").forEach(setUp);
})();
