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
 * no id, so it leaves the seq alone) refreshes the elements marked data-live-notice: the mailbox and its count.
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
        .then(function (r) { if (r.status === 401) { location.assign('/login'); } })
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
    each('[data-live-notice]', function (el) { pending.add(el); });
    if (!flushTimer) { flushTimer = setTimeout(flush, 40); }
  }

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
      if (r.status === 401) { location.assign('/login'); return null; }
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
