/* SIPAS survey page: answers are queued in the browser (localStorage) with an id made
 * here, and sent when the connection allows; the server stores each id once, so a
 * resend never counts twice. Kiosk mode resets after each answer and after inactivity.
 * No library, no inline script (the CSP allows only this file). */
(function () {
  "use strict";

  var QUEUE_KEY = "thidua.sipas.queue.v1";
  var RETRY_MS = 15000;
  var form = document.getElementById("sipas-form");
  if (!form) { return; }

  var kiosk = form.getAttribute("data-kiosk") === "1";
  var idleSeconds = parseInt(form.getAttribute("data-idle") || "90", 10);
  var visits = [];
  try { visits = JSON.parse(form.getAttribute("data-visits") || "[]"); } catch (e) { visits = []; }
  var visitIndex = 0;
  var thanks = document.getElementById("s-thanks");
  var statusEl = document.getElementById("s-status");
  var queueEl = document.getElementById("s-queue");
  var errorEl = document.getElementById("s-error");
  var submitButton = form.querySelector("button[type=submit]");
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var csrf = csrfInput ? csrfInput.value : "";
  var csrfCookie = form.getAttribute("data-csrf-cookie") || "csrftoken";

  // The CSRF cookie as it is when the answer leaves, not the page's token stored with it:
  // an answer queued for days still matches if the browser got a new cookie meanwhile.
  function csrfFor(item) {
    var found = document.cookie.split("; ").filter(function (pair) {
      return pair.indexOf(csrfCookie + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(csrfCookie.length + 1)) : item.csrf;
  }
  var current = null;
  var sending = false;
  var lastActivity = Date.now();
  var resetTimer = null;

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; an intranet over plain HTTP still has this.
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }

  function writeQueue(queue) {
    try { window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); } catch (e) { /* full or private mode */ }
  }

  function removeFromQueue(id) {
    writeQueue(readQueue().filter(function (item) { return item.body.client_uuid !== id; }));
  }

  function showQueue() {
    var waiting = readQueue().length;
    queueEl.hidden = waiting === 0;
    queueEl.textContent = waiting ? "Còn " + waiting + " phiếu đang chờ gửi; máy sẽ tự gửi khi có mạng." : "";
  }

  function setStatus(text) {
    if (statusEl) { statusEl.textContent = text; }
  }

  function finished(item, code, data) {
    if (!current || item.body.client_uuid !== current) { return; }
    if (code === 201 || code === 200) {
      setStatus("Phiếu đã được gửi và ghi nhận.");
    } else {
      setStatus((data && data.message) || "Phiếu chưa được ghi nhận.");
    }
  }

  function flush() {
    if (sending) { return; }
    var queue = readQueue();
    showQueue();
    if (!queue.length) { return; }
    sending = true;
    var item = queue[0];
    window.fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfFor(item) },
      body: JSON.stringify(item.body)
    }).then(function (response) {
      if (response.status >= 500 || response.status === 429) {
        throw new Error("retry later");
      }
      // Any other answer is final: saved, already saved, or refused for a reason
      // that a resend would not change.
      removeFromQueue(item.body.client_uuid);
      return response.json().catch(function () { return {}; }).then(function (data) {
        finished(item, response.status, data);
      });
    }).then(function () {
      sending = false;
      flush();
    }).catch(function () {
      sending = false;
      if (current && item.body.client_uuid === current) {
        setStatus("Chưa có kết nối mạng: phiếu đã được lưu trên máy và sẽ tự gửi khi có mạng.");
      }
      showQueue();
    });
  }

  function checkedValue(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : null;
  }

  function collect() {
    var answers = {};
    var count = 0;
    var profile = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (input) {
      if (input.name.indexOf("c_") === 0) {
        answers[input.name.slice(2)] = parseInt(input.value, 10);
        count += 1;
      } else if (input.name.indexOf("p_") === 0) {
        profile[input.name.slice(2)] = input.value;
      }
    });
    var overall = checkedValue("overall");
    if (!count && overall === null) { return null; }
    return {
      client_uuid: newId(),
      visit: visits[visitIndex] || form.querySelector("input[name=visit]").value,
      questionnaire: form.querySelector("input[name=questionnaire]").value,
      answers: answers,
      overall: overall === null ? null : parseInt(overall, 10),
      profile: profile,
      answered_at: new Date().toISOString(),
      website: form.querySelector("input[name=website]").value
    };
  }

  function reset() {
    window.clearTimeout(resetTimer);
    form.reset();
    current = null;
    thanks.hidden = true;
    form.hidden = false;
    errorEl.hidden = true;
    window.scrollTo(0, 0);
    var left = visits.length - visitIndex;
    if (navigator.onLine && left < 3 && !readQueue().length) {
      window.location.reload();
      return;
    }
    submitButton.disabled = left <= 0;
    if (left <= 0) {
      errorEl.hidden = false;
      errorEl.textContent = "Máy tạm dừng nhận phiếu đến khi có mạng trở lại.";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = collect();
    if (!body) {
      errorEl.hidden = false;
      errorEl.textContent = "Hãy chọn mức hài lòng cho ít nhất một câu rồi bấm Gửi.";
      errorEl.focus();
      return;
    }
    errorEl.hidden = true;
    var queue = readQueue();
    queue.push({ url: form.getAttribute("action"), csrf: csrf, body: body });
    writeQueue(queue);
    current = body.client_uuid;
    visitIndex += 1;
    form.hidden = true;
    thanks.hidden = false;
    thanks.focus();
    setStatus(navigator.onLine ? "Đang gửi phiếu…" :
      "Chưa có kết nối mạng: phiếu đã được lưu trên máy và sẽ tự gửi khi có mạng.");
    flush();
    if (kiosk) { resetTimer = window.setTimeout(reset, 8000); }
  });

  if (kiosk) {
    ["click", "touchstart", "keydown", "scroll"].forEach(function (name) {
      window.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true });
    });
    window.setInterval(function () {
      var dirty = !thanks.hidden || form.querySelector("input[type=radio]:checked");
      if (dirty && Date.now() - lastActivity > idleSeconds * 1000) {
        lastActivity = Date.now();
        reset();
      }
    }, 5000);
  }

  window.addEventListener("online", flush);
  window.setInterval(flush, RETRY_MS);
  flush();
}());
