/*
 * Vigil live.js: a page's one live connection (docs/adr/090).
 *
 * Owns an EventSource on /api/events/stream from the seq the page was rendered at (body data-seq), so nothing between
 * the render and the stream is missed or seen twice. htmx's SSE extension is not used: it reconnects without
 * Last-Event-ID. The browser's own reconnection sends Last-Event-ID; when the server refuses a stream (a 503, a
 * restart) this script reconnects itself with ?after= the last seq it has. On `reset` it reloads the page and says so.
 * Heartbeats are asked for as events (?heartbeat=event), so a page that has heard nothing for data-stale-after seconds
 * (30) shows itself STALE, in words, whatever the connection's state claims.
 *
 * Each event is dispatched to the page: an element with data-live-src is re-fetched from it and replaced when an event
 * names what it shows (data-live-incident, data-live-unit, data-live-scheme, data-live-call: ids; data-live-types:
 * event types; data-live-any: every event). A container with data-live-add="Type ..." and data-live-add-src adds the
 * element for a new id (data-live-add-src + the event's id), in data-sort order when it has data-live-sorted. Events
 * close together are handled together, and each element is fetched once for them. A document event `vigil:event`
 * carries each event to a page's own script. A `notice` frame (the logged-in person's own notice, docs/adr/081; it has
 * no id, so it leaves the seq alone) refreshes the elements marked data-live-notice: the mailbox and its count; so
 * does a notice read in another of the browser's tabs.
 */
(function () {
  'use strict';
  var body = document.body;
  var indicator = document.getElementById('live');
  var notice = document.getElementById('notice');
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  // Every htmx request carries the page's CSRF token (the pages' session needs it for anything that changes).
  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('csrf-header'), token = meta('csrf-token');
    if (header && token) { e.detail.headers[header] = token; }
  });

  // --- a login that ends under an open page (docs/adr/120) -----------------------------------------------------
  // A form is noted as it is sent (never a password, nor the CSRF token): if the answer is that the login has ended,
  // its person logs in again and is brought back to the page with what they typed put back, to check and send again.
  // Any other failure of a page's request is said in the page's notice, never swallowed.
  var RETURN = 'vigil.return';
  var meNow = document.querySelector('.me-name');
  meNow = meNow ? meNow.textContent : null;

  function typed(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      var key = el.id || el.name;
      if (!key || !el.name || el.disabled || /^(hidden|password|submit|button|reset|file|image)$/.test(el.type)) {
        return;
      }
      values[key] = (el.type === 'checkbox' || el.type === 'radio') ? el.checked : el.value;
    });
    return values;
  }

  /** What is typed in the form being filled in (the one with the focus, else the first with anything typed). */
  function pageValues() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('form') : null;
    var forms = (active ? [active] : []).concat(Array.prototype.slice.call(document.forms));
    for (var i = 0; i < forms.length; i++) {
      if ((forms[i].method || '').toLowerCase() !== 'post') { continue; }
      var v = typed(forms[i]);
      if (Object.keys(v).some(function (k) { return v[k] && v[k] !== true; })) { return v; }
    }
    return null;
  }

  function loginEnded(values) {
    sessionStorage.setItem(RETURN, JSON.stringify({
      path: location.pathname + location.search, me: meNow, values: values || pageValues(), viaLogin: false
    }));
    location.assign('/login?ended');
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var action = form.getAttribute('action') || '';
    if ((form.method || '').toLowerCase() !== 'post' || /\/log(in|out)$/.test(action)) { return; }
    sessionStorage.setItem(RETURN, JSON.stringify({
      path: location.pathname + location.search, me: meNow, values: typed(form), viaLogin: false
    }));
  }, true);

  document.addEventListener('htmx:afterRequest', function (e) {
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    if (status === 401) {
      var sent = sessionStorage.getItem(RETURN);
      var form = e.detail.elt && e.detail.elt.closest ? e.detail.elt.closest('form') : null;
      loginEnded(sent ? JSON.parse(sent).values : form ? typed(form) : null);
    } else if ((e.detail.successful || status === 422) && e.detail.requestConfig
        && e.detail.requestConfig.verb !== 'get') {
      sessionStorage.removeItem(RETURN); // answered: what was typed is the page's again
    }
  });

  document.addEventListener('htmx:responseError', function (e) {
    var xhr = e.detail.xhr;
    if (xhr.status === 401) { return; }
    var why = '';
    try { why = JSON.parse(xhr.responseText).detail || ''; } catch (ignored) { /* not a problem: no words */ }
    say('That was not done: the server answered ' + xhr.status + (xhr.statusText ? ' ' + xhr.statusText : '')
      + (why ? ' (' + why + ')' : '') + '. What you typed is still here.', 0, 'stale');
  });

  // A dead network holds a request unanswered rather than failing it; htmx gives up after its timeout (10 s, the
  // layout's htmx-config), and the person is told, since the request may have reached the server.
  document.addEventListener('htmx:timeout', function () {
    say('No answer from the control room within 10 s: what you sent may or may not have been done. What you typed is'
      + ' still here: check the board before sending it again.', 0, 'stale');
  });

  document.addEventListener('htmx:sendError', function () {
    say('That was not done: the control room could not be reached. What you typed is still here: send it again'
      + ' once this page says Live.', 0, 'stale');
  });

  (function comeBack() {
    var saved = sessionStorage.getItem(RETURN);
    if (!saved) { return; }
    var r = JSON.parse(saved);
    if (location.pathname === '/login') {
      if (/(^|[?&])ended\b/.test(location.search)) {
        r.viaLogin = true; // the login page was reached because the login ended
        sessionStorage.setItem(RETURN, JSON.stringify(r));
      }
      return;
    }
    if (!r.viaLogin || !meNow) { sessionStorage.removeItem(RETURN); return; } // a form answered as usual
    if (r.me !== meNow) { sessionStorage.removeItem(RETURN); return; } // someone else logged in here
    if (location.pathname + location.search !== r.path) { location.replace(r.path); return; }
    sessionStorage.removeItem(RETURN);
    var restored = 0;
    Object.keys(r.values || {}).forEach(function (key) {
      var el = document.getElementById(key) || document.querySelector('[name="' + CSS.escape(key) + '"]');
      if (!el) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') { el.checked = r.values[key]; } else { el.value = r.values[key]; }
      if (r.values[key]) { restored++; }
    });
    var first = restored ? document.getElementById(Object.keys(r.values)[0]) : null;
    if (first) { first.focus(); }
    // What a field does when it changes (the caller check beside a call: a scheme's banner) is done again, once htmx
    // has taken the page in.
    window.addEventListener('load', function () {
      Object.keys(r.values || {}).forEach(function (key) {
        var el = document.getElementById(key);
        if (el && r.values[key]) { el.dispatchEvent(new Event('change', { bubbles: true })); }
      });
    });
    say(restored
      ? 'You are logged in again. What you had typed is back in the form; it was not sent: check it and send it again.'
      : 'You are logged in again, back where you were.', 15000);
  }());

  var reloaded = sessionStorage.getItem('vigil.reloaded');
  if (reloaded) {
    sessionStorage.removeItem('vigil.reloaded');
    say('This page was reloaded because its live stream was reset (' + reloaded + '). It is up to date.', 10000);
  }

  if (!indicator || body.dataset.seq === undefined || body.dataset.seq === '') { return; }

  var types = (meta('vigil-event-types') || '').split(/\s+/).filter(Boolean);
  var staleMs = Number(body.dataset.staleAfter || 30) * 1000;
  var lastSeq = Number(body.dataset.seq);
  var lastHeard = Date.now();
  var state = null;
  var source = null;
  var retryMs = 1000;
  var wasStale = false;
  body.dataset.liveSeq = String(lastSeq);

  function say(text, forMs, kind) {
    if (!notice) { return; }
    notice.textContent = text;
    notice.hidden = false;
    notice.className = kind ? 'notice ' + kind : 'notice';
    clearTimeout(say.timer);
    if (forMs) { say.timer = setTimeout(function () { notice.hidden = true; }, forMs); }
  }

  function setState(s, text) {
    if (s === state && !text) { return; }
    state = s;
    indicator.dataset.state = s;
    body.dataset.live = s;
    indicator.querySelector('.live-text').textContent = text || {
      connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…'
    }[s];
  }

  function heard() {
    lastHeard = Date.now();
    retryMs = 1000;
    if (state !== 'live') {
      setState('live');
      if (wasStale) {
        wasStale = false;
        say('Back in touch with the control room: caught up to event ' + lastSeq + '.', 8000);
      }
    }
  }

  function connect() {
    source = new EventSource('/api/events/stream?heartbeat=event&after=' + lastSeq);
    source.onopen = heard;
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (not a stream): the browser will not try again, so this page does, from its last seq.
        source = null;
        if (state !== 'stale') { setState('reconnecting'); }
        retry();
      } else if (state !== 'stale') {
        setState('reconnecting'); // the browser reconnects by itself, sending Last-Event-ID
      }
    };
    source.addEventListener('heartbeat', heard);
    source.addEventListener('reset', onReset);
    source.addEventListener('notice', onNotice);
    types.forEach(function (t) { source.addEventListener(t, onEvent); });
  }

  function retry() {
    setTimeout(function () {
      // A stream refused because the login has gone: the login page, not an endless retry.
      fetch('/api/events?limit=1&after=' + lastSeq, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
        .then(function (r) { if (r.status === 401) { loginEnded(null); } })
        .catch(function () { /* the server is out of reach: the stream will say so */ })
        .finally(function () { if (!source) { connect(); } });
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  }

  function onReset(e) {
    var why = 'reset';
    try { why = JSON.parse(e.data).reason || why; } catch (ignored) { /* keep the word */ }
    sessionStorage.setItem('vigil.reloaded', why);
    say('The live stream was reset (' + why + '): reloading this page…');
    if (source) { source.close(); }
    location.reload();
  }

  setInterval(function () {
    var silent = Date.now() - lastHeard;
    if (silent >= staleMs) {
      wasStale = true;
      var s = Math.round(silent / 1000);
      setState('stale', 'STALE: nothing heard for ' + s + ' s');
      say('This page has heard nothing from the control room for ' + s + ' s: what it shows may be out of date.'
        + ' Reconnecting…', 0, 'stale');
    }
  }, 1000);

  // --- events to fragments ------------------------------------------------------------------------------------
  var pending = new Set();
  var adds = [];
  var flushTimer = null;
  var generation = {};

  function onEvent(e) {
    var seq = Number(e.lastEventId);
    if (!(seq > lastSeq)) { return; } // each event once
    lastSeq = seq;
    body.dataset.liveSeq = String(seq);
    heard();
    var ev;
    try { ev = JSON.parse(e.data); } catch (ignored) { return; }
    document.dispatchEvent(new CustomEvent('vigil:event', { detail: ev }));
    collect(ev);
    if (!flushTimer) { flushTimer = setTimeout(flush, 40); }
  }

  function onNotice() {
    heard();
    refreshMailbox();
  }

  function refreshMailbox() {
    each('[data-live-notice]', function (el) { pending.add(el); });
    if (!flushTimer) { flushTimer = setTimeout(flush, 40); }
  }

  // Being read is not an event of the log (docs/adr/109), so no frame tells this person's other tabs that a notice
  // was read in one. Each page says its mailbox's words (and when) as it loads, in storage the browser shares between
  // its tabs; the others hear the change and refresh their own mailbox.
  var MAILBOX = 'vigil.mailbox';
  var mailboxLink = document.getElementById('nav-notices-link');
  if (mailboxLink) {
    try {
      localStorage.setItem(MAILBOX, mailboxLink.textContent + ' at ' + Date.now());
    } catch (ignored) { /* storage turned off: the other tabs wait for their next notice */ }
  }
  window.addEventListener('storage', function (e) {
    if (e.key === MAILBOX) { refreshMailbox(); }
  });

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function attr(name, value) {
    return '[' + name + '="' + CSS.escape(value) + '"]';
  }

  function collect(ev) {
    var add = function (el) { pending.add(el); };
    ['incidentId', 'fromIncidentId', 'toIncidentId'].forEach(function (k) {
      if (ev[k]) { each(attr('data-live-incident', ev[k]), add); }
    });
    if (ev.unitId) { each(attr('data-live-unit', ev.unitId), add); }
    if (ev.schemeId) { each(attr('data-live-scheme', ev.schemeId), add); }
    if (ev.callId) { each(attr('data-live-call', ev.callId), add); }
    each('[data-live-types~="' + CSS.escape(ev.type) + '"]', add);
    each('[data-live-any]', add);
    each('[data-live-add~="' + CSS.escape(ev.type) + '"]', function (container) {
      var id = ev.incidentId || ev.unitId || ev.schemeId || ev.callId;
      if (id) { adds.push({ container: container, id: id }); }
    });
  }

  function flush() {
    flushTimer = null;
    var now = Array.from(pending);
    pending.clear();
    now.forEach(function (el) { if (el.dataset.liveSrc) { refresh(el.id || el.dataset.liveSrc, el, el.dataset.liveSrc); } });
    adds.splice(0).forEach(function (a) {
      refresh(null, null, a.container.dataset.liveAddSrc + encodeURIComponent(a.id), a.container);
    });
  }

  /** Fetches src and puts its element in place of the current one with key (its id), or into container. */
  function refresh(key, el, src, container) {
    var k = key || src;
    var mine = generation[k] = (generation[k] || 0) + 1;
    fetch(src, { headers: { 'HX-Request': 'true' } }).then(function (r) {
      if (r.status === 401) { loginEnded(null); return null; }
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html === null || generation[k] !== mine) { return; } // a newer answer is on its way
      var t = document.createElement('template');
      t.innerHTML = html.trim();
      var fresh = t.content.firstElementChild;
      var current = (key && document.getElementById(key)) || (el && el.isConnected ? el : null)
        || (fresh && fresh.id ? document.getElementById(fresh.id) : null);
      if (!fresh) { if (current) { current.remove(); } changed(container || (current && current.parentNode)); return; }
      var focusId = current && current.contains(document.activeElement) ? document.activeElement.id : null;
      if (current) {
        current.replaceWith(fresh);
      } else if (container) {
        container.appendChild(fresh);
      } else {
        return;
      }
      place(fresh);
      if (window.htmx) { window.htmx.process(fresh); }
      if (focusId && document.getElementById(focusId)) { document.getElementById(focusId).focus(); }
      fresh.dispatchEvent(new CustomEvent('vigil:refreshed', { bubbles: true }));
      changed(fresh.parentNode);
    }).catch(function () { /* out of reach: the next event or the reconnect's catch-up brings it */ });
  }

  /** Keeps a sorted container in data-sort order when an element is added or changes its key. */
  function place(el) {
    var parent = el.parentNode;
    if (!parent || !parent.hasAttribute('data-live-sorted') || el.dataset.sort === undefined) { return; }
    var key = Number(el.dataset.sort);
    var before = null;
    for (var c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (c !== el && c.dataset.sort !== undefined && Number(c.dataset.sort) > key) { before = c; break; }
    }
    if (before !== el.nextElementSibling) { parent.insertBefore(el, before); }
  }

  function changed(container) {
    if (container) { container.dispatchEvent(new CustomEvent('vigil:changed', { bubbles: true })); }
  }

  setState('connecting');
  connect();
}());
