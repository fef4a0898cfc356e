/*
 * Vigil map.js: units and open incidents on a Leaflet map, each labelled in words (a colour is never the only sign).
 * No tile layer unless the install names a tile server (data-tiles, from VIGIL_MAP_TILES): nothing is fetched from
 * outside by default. The picture comes from /map/data and is fetched again when live.js passes on an event.
 */
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomControl: true, attributionControl: !!el.dataset.tiles }).setView([51.5, -0.09], 13);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);
  var list = document.getElementById('map-list');
  var fitted = false;
  var timer = null;

  function label(text) {
    var s = document.createElement('span');
    s.textContent = text;
    return s;
  }

  function draw(data) {
    layer.clearLayers();
    var points = [];
    var rows = [];
    data.incidents.forEach(function (i) {
      var m = L.circleMarker([i.lat, i.lon], {
        radius: 11, weight: i.unresourced ? 5 : 2, color: i.unresourced ? '#a4001d' : '#0b0c0c',
        fillColor: i.grade === 'I' ? '#a4001d' : i.grade === 'S' ? '#7a4100' : '#0b4f8a', fillOpacity: 0.9
      }).addTo(layer);
      var text = i.id + ' (' + i.grade + ')' + (i.unresourced ? ' NO UNIT' : '') + (i.divert ? ' DIVERT' : '');
      m.bindTooltip(label(text), { permanent: true, direction: 'right', className: 'map-label incident' });
      points.push([i.lat, i.lon]);
      rows.push('Incident ' + text);
    });
    data.units.forEach(function (u) {
      var m = L.circleMarker([u.lat, u.lon], {
        radius: 7, weight: 2, color: '#0b0c0c', fillColor: u.incidentId ? '#ffdd00' : '#00703c', fillOpacity: 1
      }).addTo(layer);
      var text = u.id + ': ' + u.status + (u.incidentId ? ' ' + u.incidentId : '');
      m.bindTooltip(label(text), { permanent: true, direction: 'left', className: 'map-label unit' });
      points.push([u.lat, u.lon]);
      rows.push('Unit ' + text);
    });
    if (!fitted && points.length) { map.fitBounds(points, { padding: [40, 40], maxZoom: 15 }); fitted = true; }
    if (list) {
      var ul = document.createElement('ul');
      rows.forEach(function (r) { var li = document.createElement('li'); li.textContent = r; ul.appendChild(li); });
      list.replaceChildren(ul);
    }
    el.dataset.drawn = String(data.units.length + data.incidents.length);
  }

  function load() {
    fetch('/map/data', { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) { draw(d); } })
      .catch(function () { /* the live indicator says when the server is out of reach */ });
  }

  document.addEventListener('vigil:event', function () {
    if (!timer) { timer = setTimeout(function () { timer = null; load(); }, 300); }
  });
  load();
}());
