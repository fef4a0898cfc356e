/*
 * Vigil countdown.js: every element with data-target-at (epoch ms) shows the time left to it, mm:ss (h:mm:ss from an
 * hour), "+mm:ss" and class "overdue" once past. Runs in the browser from the target instant, corrected by the
 * server's clock at render (main data-now), so a page that is not refreshed still counts. The state badges (warning,
 * breached) come from the engine's events; this only keeps the numbers moving.
 */
(function () {
  'use strict';
  var main = document.querySelector('[data-now]');
  var offset = main ? Number(main.dataset.now) - Date.now() : 0;
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function format(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var text = s >= 3600 ? Math.floor(s / 3600) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60)
      : two(Math.floor(s / 60)) + ':' + two(s % 60);
    return (ms < 0 && s > 0 ? '+' : '') + text;
  }
  function tick() {
    var now = Date.now() + offset;
    var all = document.querySelectorAll('[data-target-at]');
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var left = Number(el.dataset.targetAt) - now;
      var text = format(left);
      if (el.textContent !== text) { el.textContent = text; }
      var overdue = left < 0;
      if (el.classList.contains('overdue') !== overdue) { el.classList.toggle('overdue', overdue); }
    }
  }
  tick();
  setInterval(tick, 1000);
}());
