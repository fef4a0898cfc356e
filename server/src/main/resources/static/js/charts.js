/*
 * Vigil charts.js: the report pages' charts (docs/adr/107), drawn by uPlot (served by the server) from the numbers the
 * page itself carries (data-series, the report's own figures). Each chart is a picture of a table on the same page, so
 * the chart is hidden from screen readers (aria-hidden) and the table is its text. Series differ in shape and pattern
 * as well as colour: bars for the one, a dashed line or a line with points for the other.
 */
(function () {
  'use strict';
  if (!window.uPlot) { return; }
  var INK = '#0b0c0c';
  var GRID = '#d8dadc';
  var FONT = '14px "Noto Sans", Arial, sans-serif';
  var COLOURS = { p50: '#1d70b8', p90: '#b35c00', max: '#a4001d', target: INK, calls: '#1d70b8',
    diverts: '#4c2c92', breaches: '#a4001d' };
  var charts = [];

  function axis(values, label) {
    return { stroke: INK, font: FONT, labelFont: FONT, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID },
      values: values, label: label };
  }

  /** An axis of counts: whole numbers only. */
  function counts(label) {
    return Object.assign(axis(null, label), { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
      20000, 50000, 100000, 200000, 500000, 1000000] });
  }

  /** A scale's fixed range, as a function: uPlot applies an array once, a function on every redraw (a resize). */
  function fixed(min, max) {
    return function () { return [min, max]; };
  }

  function bars(colour, size) {
    return { fill: colour, stroke: colour, width: 0, paths: uPlot.paths.bars({ size: [size || 0.6, 80] }),
      points: { show: false } };
  }

  function legend(el, items) {
    var box = document.createElement('div');
    box.className = 'chart-legend';
    items.forEach(function (it) {
      var item = document.createElement('span');
      var swatch = document.createElement('span');
      swatch.className = 'swatch ' + it.kind;
      swatch.style.borderColor = it.colour;
      if (it.kind === 'bar') { swatch.style.backgroundColor = it.colour; }
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(' ' + it.label));
      box.appendChild(item);
    });
    el.appendChild(box);
  }

  function size(el, height) {
    return { width: Math.max(240, Math.floor(el.clientWidth || el.parentNode.clientWidth) - 4), height: height };
  }

  /** Per grade: p50, p90 and max minutes as bars, the grade's target as a dashed line across. */
  function response(el, data) {
    data.forEach(function (g) {
      var box = document.createElement('div');
      box.className = 'chart-cell';
      var title = document.createElement('p');
      title.className = 'chart-title';
      title.textContent = g.grade + ', ' + g.name + ': ' + (g.target === null ? 'no target' : 'target ' + g.targetWords);
      box.appendChild(title);
      el.appendChild(box);
      if (g.p50 === null) {
        var none = document.createElement('p');
        none.className = 'chart-none';
        none.textContent = 'No attended incident of this grade.';
        box.appendChild(none);
        return;
      }
      var top = Math.max(g.max, g.target || 0) * 1.2 || 1;
      var labels = ['p50', 'p90', 'max'];
      var opts = Object.assign(size(box, 220), {
        legend: { show: false }, cursor: { show: false }, padding: [12, 12, 0, 0],
        scales: { x: { time: false, auto: false, range: fixed(-0.5, 2.5) }, y: { auto: false, range: fixed(0, top) } },
        axes: [Object.assign(axis(function (u, ticks) { return ticks.map(function (t) { return labels[t] || ''; }); }),
          { splits: function () { return [0, 1, 2]; } }), axis(null, 'minutes')],
        series: [{}, bars(COLOURS.p50), bars(COLOURS.p90), bars(COLOURS.max)],
        hooks: { draw: [function (u) {
          var ctx = u.ctx;
          var r = uPlot.pxRatio;
          ctx.save();
          // Each bar's minutes above it, so the chart reads without the axis.
          ctx.fillStyle = INK;
          ctx.font = 'bold ' + Math.round(13 * r) + 'px "Noto Sans", Arial, sans-serif';
          ctx.textAlign = 'center';
          [g.p50, g.p90, g.max].forEach(function (v, i) {
            ctx.fillText(String(v), u.valToPos(i, 'x', true), u.valToPos(v, 'y', true) - 5 * r);
          });
          if (g.target !== null) {
            // The target across the bars: a white line under a black dashed one, seen over any bar.
            var y = Math.round(u.valToPos(g.target, 'y', true));
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.strokeStyle = '#fff';
            ctx.lineWidth = 5 * r;
            ctx.stroke();
            ctx.strokeStyle = COLOURS.target;
            ctx.lineWidth = 2 * r;
            ctx.setLineDash([8 * r, 5 * r]);
            ctx.stroke();
          }
          ctx.restore();
        }] }
      });
      charts.push({ el: box, plot: new uPlot(opts, [[0, 1, 2], [g.p50, null, null], [null, g.p90, null],
        [null, null, g.max]], box), height: 220 });
    });
    legend(el, [{ kind: 'bar', colour: COLOURS.p50, label: 'p50 (median)' },
      { kind: 'bar', colour: COLOURS.p90, label: 'p90' }, { kind: 'bar', colour: COLOURS.max, label: 'max' },
      { kind: 'dash', colour: COLOURS.target, label: 'target' }]);
  }

  /** Calls by local hour: 24 bars. */
  function hours(el, data) {
    var x = [];
    for (var h = 0; h < 24; h++) { x.push(h); }
    var opts = Object.assign(size(el, 240), {
      legend: { show: false }, cursor: { show: false }, padding: [12, 12, 0, 0],
      scales: { x: { time: false, auto: false, range: fixed(-0.5, 23.5) },
        y: { auto: false, range: fixed(0, Math.max.apply(null, data.calls) * 1.15 || 1) } },
      axes: [Object.assign(axis(function (u, ticks) { return ticks.map(function (t) { return (t < 10 ? '0' : '') + t; }); },
        'hour of the day'), { splits: function () { return [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]; } }),
        counts('calls')],
      series: [{}, bars(COLOURS.calls, 0.7)]
    });
    charts.push({ el: el, plot: new uPlot(opts, [x, data.calls], el), height: 240 });
  }

  /** Diverts as bars and breaches as circles, by hour, day, week or month, labelled in the force's time zone. */
  function time(el, data) {
    if (data.x.length === 0) { return; }
    var top = Math.max(Math.max.apply(null, data.diverts), Math.max.apply(null, data.breaches)) * 1.15 || 1;
    var step = data.x.length > 1 ? data.x[1] - data.x[0] : 3600;
    var every = Math.max(1, Math.ceil(data.x.length / 12));
    var label = new Intl.DateTimeFormat('en-GB', step < 86400
      ? { timeZone: data.zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : step < 28 * 86400 ? { timeZone: data.zone, day: 'numeric', month: 'short' }
        : { timeZone: data.zone, month: 'short', year: 'numeric' });
    var opts = Object.assign(size(el, 260), {
      legend: { show: false }, cursor: { show: false }, padding: [12, 24, 0, 0],
      scales: { x: { time: false, auto: false, range: fixed(data.x[0] - step / 2, data.x[data.x.length - 1] + step / 2) },
        y: { auto: false, range: fixed(0, top) } },
      axes: [Object.assign(axis(function (u, ticks) {
        return ticks.map(function (t) { return label.format(new Date(t * 1000)); });
      }), { splits: function () { return data.x.filter(function (x, i) { return i % every === 0; }); } }),
        counts('count')],
      series: [{}, bars(COLOURS.diverts, 0.5),
        { stroke: COLOURS.breaches, width: 3, paths: function () { return null; },
          points: { show: true, size: 12, fill: '#fff', stroke: COLOURS.breaches, width: 3 } }]
    });
    // A circle only where there were breaches: the table gives every count, the zeros too.
    var breaches = data.breaches.map(function (v) { return v > 0 ? v : null; });
    charts.push({ el: el, plot: new uPlot(opts, [data.x, data.diverts, breaches], el), height: 260 });
    legend(el, [{ kind: 'bar', colour: COLOURS.diverts, label: 'diverts (bars)' },
      { kind: 'point', colour: COLOURS.breaches, label: 'breaches (circles)' }]);
  }

  var kinds = { response: response, hours: hours, time: time };
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    var draw = kinds[el.dataset.chart];
    if (!draw) { return; }
    try {
      draw(el, JSON.parse(el.dataset.series));
      el.dataset.drawn = 'true';
    } catch (e) {
      el.dataset.drawn = 'failed';
      el.textContent = 'The chart could not be drawn: the table gives the same numbers.';
    }
  });

  // The charts follow the width of the page (a window made narrower, a panel that wraps).
  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) { c.plot.setSize(size(c.el, c.height)); });
    }, 50);
  });
}());
