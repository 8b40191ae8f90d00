// The meek-tracker page: draws the document GET /api/page answers (or the one a report inlines) with
// ECharts, served from the tracker's own jar. Live pages poll every few seconds with If-None-Match, so an
// unchanged tracker costs a 304. window.meekPage exposes what was drawn, for the browser tests.
(function () {
  'use strict';

  var POLL_MS = 5000;
  var COLORS = { closed: '#c0392b', open: '#1f77b4', unknown: '#8c8c8c', frontier: '#111111', lag: '#7b4fa3' };
  var charts = {};
  var state = { renders: 0, renderMs: null, loadedMs: null, data: null, etag: null, counts: {} };
  state.charts = charts;
  window.meekPage = state;

  function el(id) { return document.getElementById(id); }

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function sci(log10) {
    if (log10 == null || !isFinite(log10)) { return 'n/a'; }
    return Math.pow(10, log10).toExponential(2).replace('e+', 'e');
  }

  function num(v, digits) {
    if (v == null || !isFinite(v)) { return 'n/a'; }
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e6 || a < 1e-3)) { return v.toExponential(digits || 3).replace('e+', 'e'); }
    return Number(v.toPrecision(digits || 4)).toString();
  }

  function chart(id) {
    var node = el(id);
    if (!charts[id]) {
      charts[id] = echarts.init(node, null, { renderer: 'canvas' });
      window.addEventListener('resize', function () { charts[id].resize(); });
    }
    return charts[id];
  }

  function table(headers, rows, numericFrom) {
    if (!rows.length) { return '<p class="empty">nothing yet</p>'; }
    var h = '<div class="table-scroll"><table><thead><tr>' + headers.map(function (x) {
      return '<th scope="col">' + esc(x) + '</th>';
    }).join('') + '</tr></thead><tbody>';
    rows.forEach(function (r) {
      h += '<tr>' + r.map(function (c, i) {
        return '<td' + (numericFrom != null && i >= numericFrom ? ' class="num"' : '') + '>' + esc(c) + '</td>';
      }).join('') + '</tr>';
    });
    return h + '</tbody></table></div>';
  }

  // Tables inside a closed <details> are built when it opens: the real data's 1,300-row model table
  // would otherwise cost the first draw a tenth of a second nobody asked for.
  var pendingTables = {};
  function lazyTable(id, build) {
    var node = el(id), details = node.closest('details');
    if (!details || details.open) { node.innerHTML = build(); delete pendingTables[id]; return; }
    node.innerHTML = '';
    pendingTables[id] = build;
    if (!details.hasAttribute('data-lazy')) {
      details.setAttribute('data-lazy', '');
      details.addEventListener('toggle', function () {
        if (details.open && pendingTables[id]) { node.innerHTML = pendingTables[id](); delete pendingTables[id]; }
      });
    }
  }

  function paragraphs(items) {
    return items.filter(function (x) { return x; }).map(function (x) { return '<p>' + esc(x) + '</p>'; }).join('');
  }

  function fitById(data, id) {
    return data.fits.filter(function (f) { return f.id === id; })[0];
  }

  function timeAxis() {
    return { type: 'time', name: 'date', nameLocation: 'middle', nameGap: 26 };
  }

  function logAxis(name) {
    return {
      type: 'value', name: name, scale: true, nameLocation: 'middle', nameGap: 48,
      axisLabel: { formatter: function (v) { return '1e' + v; } }
    };
  }

  // A 90 % band as two stacked lines: the lower edge drawn invisibly, the width stacked on it and filled.
  // step: as the line it surrounds is drawn ('end' for states held until the next), or undefined for a curve.
  function band(name, dates, low, high, color, yAxisIndex, step) {
    var base = [], width = [];
    for (var i = 0; i < dates.length; i++) {
      if (low[i] == null || high[i] == null) { base.push([dates[i], null]); width.push([dates[i], null]); continue; }
      base.push([dates[i], low[i]]);
      width.push([dates[i], high[i] - low[i]]);
    }
    // The colour also marks the legend's entry, which otherwise takes the palette's next (unrelated) colour.
    var common = { type: 'line', stack: name, symbol: 'none', silent: true, yAxisIndex: yAxisIndex || 0,
      lineStyle: { opacity: 0 }, itemStyle: { color: color }, tooltip: { show: false } };
    if (step) { common.step = step; }
    return [
      Object.assign({ name: name + ' (band low)', data: base, areaStyle: { opacity: 0 } }, common),
      Object.assign({ name: name + ' 90 % band', data: width, areaStyle: { color: color, opacity: 0.15 } }, common)
    ];
  }

  // A series' 90 % intervals as they exist: a band where two or more states in a row have one, and a
  // vertical bar at a state whose neighbours have none (a band of one point is not drawn at all); no
  // series, and no legend entry, where no state has one. The catch-up lags' month-end states carry no
  // interval (the bootstrap runs with the regular refits, not at every month end), so their history
  // usually has one only at its latest state.
  function intervals(name, dates, low, high, color, yAxisIndex, step) {
    var has = function (i) { return i >= 0 && i < dates.length && low[i] != null && high[i] != null; };
    var inBand = 0, bars = [];
    for (var i = 0; i < dates.length; i++) {
      if (!has(i)) { continue; }
      if (has(i - 1) || has(i + 1)) { inBand++; } else { bars.push([dates[i], low[i]], [dates[i], high[i]], [dates[i], null]); }
    }
    var out = inBand ? band(name, dates, low, high, color, yAxisIndex, step) : [];
    if (bars.length) {
      out.push({ name: name + ' 90 % interval', type: 'line', data: bars, symbol: 'rect', symbolSize: [8, 2], silent: true,
        yAxisIndex: yAxisIndex || 0, lineStyle: { color: color, width: 2, opacity: 0.5 }, itemStyle: { color: color, opacity: 0.5 },
        tooltip: { show: false } });
    }
    return out;
  }

  var LAG_INTERVALS = 'The lag\'s month-end states are published without their 90 % interval (its bootstrap runs with the ' +
    'regular refits, seconds apart, not at every month end), so the chart shows the interval where a state has one, ' +
    'usually only the latest; the table gives every interval published.';

  function pairs(dates, values) {
    var out = [];
    for (var i = 0; i < dates.length; i++) { out.push([dates[i], values[i]]); }
    return out;
  }

  function legendNames(series) {
    return series.map(function (s) { return s.name; }).filter(function (n) { return n.indexOf('(band low)') < 0; });
  }

  function draw(id, option) {
    var counts = {};
    option.series.forEach(function (s) {
      counts[s.name] = (s.data || []).filter(function (p) {
        return p != null && (!Array.isArray(p) || p[1] != null);
      }).length;
    });
    option.animation = false;
    option.grid = option.grid || { left: 70, right: 70, top: 50, bottom: 60 };
    // The legend names what is drawn: a series with no point (no model of unstated weights, say) is left out.
    option.legend = option.legend || { top: 0, type: 'scroll',
      data: legendNames(option.series).filter(function (n) { return counts[n] > 0; }) };
    option.dataZoom = option.dataZoom || [{ type: 'inside', xAxisIndex: 0 }];
    chart(id).setOption(option, true);
    state.counts[id] = counts;
  }

  function renderCompute(data) {
    var m = data.models, series = [];
    var groups = { closed: [], open: [], unknown: [] }, frontier = [];
    m.rows.forEach(function (r) {
      var point = [r[0], r[1], r[5], r[6], r[2], r[3], r[4]];
      (groups[r[2]] || groups.unknown).push(point);
      if (r[3]) { frontier.push(point); }
    });
    [['closed', 'closed weights'], ['open', 'open weights'], ['unknown', 'weights not stated']].forEach(function (g) {
      series.push({ name: g[1], type: 'scatter', data: groups[g[0]], symbolSize: 6,
        itemStyle: { color: COLORS[g[0]], opacity: 0.75 } });
    });
    series.push({ name: 'frontier models', type: 'scatter', data: frontier, symbol: 'emptyCircle', symbolSize: 11,
      itemStyle: { color: COLORS.frontier, borderWidth: 1.2 } });
    [['frontier-compute', 'frontier trend', COLORS.closed], ['open-compute', 'open-weights frontier trend', COLORS.open]]
      .forEach(function (t) {
        var line = data.trends[t[0]];
        if (!line) { return; }
        series.push({ name: t[1], type: 'line', data: pairs(line.dates, line.log10), symbol: 'none',
          lineStyle: { color: t[2], width: 2 }, itemStyle: { color: t[2] } });
        series.push.apply(series, band(t[1], line.dates, line.log10Low, line.log10High, t[2]));
      });
    draw('chart-compute', {
      tooltip: { trigger: 'item', formatter: function (p) {
        var d = p.data;
        if (d.length > 4) {
          return '<b>' + esc(d[2]) + '</b> (' + esc(d[3] || 'organization not stated') + ')<br>' + esc(d[0]) +
            ': ' + sci(d[1]) + ' FLOP<br>' + esc(d[4]) + ' weights' + (d[5] ? ', frontier' : '');
        }
        return esc(p.seriesName) + '<br>' + esc(d[0]) + ': ' + sci(d[1]) + ' FLOP';
      } },
      xAxis: timeAxis(), yAxis: logAxis('training compute (FLOP, log scale)'), series: series
    });
    var defs = ['Frontier: a model whose training compute is at least the ' + data.settings.frontierTopN +
      '-th largest among models released up to its date. The trends are ordinary least squares of log10 compute on ' +
      'the date over frontier models released from ' + data.settings.fitStart + '; the bands are the 90 % intervals ' +
      'of the fitted level (Student\'s t).', m.withoutCompute + ' models have no compute estimate and are not drawn.'];
    ['frontier-compute', 'open-compute'].forEach(function (id) {
      var f = fitById(data, id);
      if (f) {
        defs.push(id + ': ' + num(f.growthPerYear.value, 3) + '×/year [' + num(f.growthPerYear.low, 3) + ', ' +
          num(f.growthPerYear.high, 3) + '], n = ' + f.n + '. ' + (f.note || ''));
      }
    });
    el('def-compute').innerHTML = paragraphs(defs);
    lazyTable('table-compute', function () { return table(['release date', 'model', 'organization', 'weights', 'frontier', 'compute (FLOP)', 'source'],
      m.rows.slice().reverse().map(function (r) { return [r[0], r[5], r[6] || '', r[2], r[3] ? 'yes' : '', sci(r[1]), r[7] || '']; }), 5); });
  }

  function gapChart(id, data, gapId, lagId, gapName, lagName) {
    var g = data.series[gapId], l = data.series[lagId], series = [];
    var unit = g ? g.unit : (l ? l.unit : '');
    if (g) {
      series.push({ name: gapName + ' (' + g.unit + ')', type: 'line', step: 'end', data: pairs(g.dates, g.value),
        symbolSize: 4, itemStyle: { color: COLORS.closed } });
      series.push.apply(series, intervals(gapName, g.dates, g.low, g.high, COLORS.closed, 0, 'end'));
    }
    if (l) {
      series.push({ name: lagName + ' (months)', type: 'line', step: 'end', data: pairs(l.dates, l.value), yAxisIndex: 1,
        symbolSize: 4, itemStyle: { color: COLORS.lag } });
      series.push.apply(series, intervals(lagName, l.dates, l.low, l.high, COLORS.lag, 1, 'end'));
    }
    draw(id, {
      tooltip: { trigger: 'axis' },
      xAxis: timeAxis(),
      yAxis: [{ type: 'value', name: unit, nameLocation: 'middle', nameGap: 48 },
        { type: 'value', name: 'lag (months)', nameLocation: 'middle', nameGap: 40, position: 'right' }],
      series: series
    });
    var rows = [];
    var dates = {};
    [g, l].forEach(function (s) { if (s) { s.dates.forEach(function (d) { dates[d] = true; }); } });
    Object.keys(dates).sort().reverse().forEach(function (d) {
      var gi = g ? g.dates.indexOf(d) : -1, li = l ? l.dates.indexOf(d) : -1;
      rows.push([d, gi >= 0 ? num(g.value[gi]) : '', gi >= 0 && g.low[gi] != null ? num(g.low[gi]) + ' – ' + num(g.high[gi]) : '',
        li >= 0 ? num(l.value[li]) : '', li >= 0 && l.low[li] != null ? num(l.low[li]) + ' – ' + num(l.high[li]) : '']);
    });
    return { rows: rows, unit: unit, basis: [g && g.basis, l && l.basis] };
  }

  function renderComputeGap(data) {
    var t = gapChart('chart-compute-gap', data, 'compute/open-vs-closed', 'compute/catch-up-lag', 'compute gap', 'compute lag');
    lazyTable('table-compute-gap', function () { return table(['as of', 'gap (' + t.unit + ')', 'gap range', 'lag (months)', 'lag 90 % interval'], t.rows, 1); });
    el('def-compute-gap').innerHTML = paragraphs(['compute/open-vs-closed: ' + (t.basis[0] || 'not yet published'),
      'compute/catch-up-lag: ' + (t.basis[1] || 'not yet published'), LAG_INTERVALS]);
  }

  function renderBenchmarks(data) {
    var host = el('benchmark-charts');
    if (!data.benchmarks.length) { host.innerHTML = '<p class="empty">no benchmark results yet</p>'; return; }
    data.benchmarks.forEach(function (b) {
      var id = 'chart-benchmark-' + b.replace(/[^a-z0-9_-]/gi, '-');
      if (!el(id)) {
        var div = document.createElement('div');
        div.innerHTML = '<h3>' + esc(b) + '</h3><div class="chart small" id="' + id + '" role="img" aria-label="' + esc(b) +
          ' gap and lag over time"></div><details class="definition"><summary>Definitions</summary><div id="def-' + id +
          '"></div></details><details class="numbers"><summary>Numbers as a table</summary><div id="table-' + id + '"></div></details>';
        host.appendChild(div);
      }
      var t = gapChart(id, data, 'benchmark/' + b + '/open-vs-closed', 'benchmark/' + b + '/catch-up-lag', b + ' gap', b + ' lag');
      lazyTable('table-' + id, function () { return table(['as of', 'gap (' + t.unit + ')', 'gap range', 'lag (months)', 'lag 90 % interval'], t.rows, 1); });
      el('def-' + id).innerHTML = paragraphs(['benchmark/' + b + '/open-vs-closed: ' + (t.basis[0] || 'not yet published'),
        'benchmark/' + b + '/catch-up-lag: ' + (t.basis[1] || 'not yet published'), LAG_INTERVALS]);
    });
  }

  function renderHardware(data) {
    var h = data.hardware, series = [];
    series.push({ name: 'chips', type: 'scatter', data: h.rows.map(function (r) { return [r[0], r[1], r[3], r[4]]; }),
      symbolSize: 7, itemStyle: { color: '#2a9d8f' } });
    var line = data.trends['hardware-price-performance'];
    if (line) {
      series.push({ name: 'trend', type: 'line', data: pairs(line.dates, line.log10), symbol: 'none',
        lineStyle: { color: '#264653', width: 2 }, itemStyle: { color: '#264653' } });
      series.push.apply(series, band('trend', line.dates, line.log10Low, line.log10High, '#264653'));
    }
    draw('chart-hardware', {
      tooltip: { trigger: 'item', formatter: function (p) {
        var d = p.data;
        return (d.length > 2 ? '<b>' + esc(d[2]) + '</b> (' + esc(d[3] || '') + ')<br>' : esc(p.seriesName) + '<br>') +
          esc(d[0]) + ': ' + sci(d[1]) + ' FLOP/s per USD';
      } },
      xAxis: timeAxis(), yAxis: logAxis('FLOP/s per USD (log scale)'), series: series
    });
    var f = fitById(data, 'hardware-price-performance');
    el('def-hardware').innerHTML = paragraphs([f ? 'hardware-price-performance: ' + num(f.growthPerYear.value, 3) + '×/year [' +
      num(f.growthPerYear.low, 3) + ', ' + num(f.growthPerYear.high, 3) + '], doubling every ' + num(f.doublingTimeYears.value, 3) +
      ' years, n = ' + f.n + '. ' + (f.note || '') : 'no hardware trend yet',
      h.withoutPriceOrFormat + ' chips state no price or no FLOP/s in the configured format and are not drawn.']);
    lazyTable('table-hardware', function () { return table(['date', 'chip', 'manufacturer', 'FLOP/s per USD', 'source'],
      h.rows.slice().reverse().map(function (r) { return [r[0], r[3], r[4] || '', sci(r[1]), r[5] || '']; }), 3); });
  }

  function renderProjections(data) {
    var palette = ['#e76f51', '#f4a261', '#2a9d8f', '#264653', '#8e44ad', '#6c757d'];
    var series = [], rows = [];
    data.projections.forEach(function (p, i) {
      var c = palette[i % palette.length];
      var name = p.id.replace('projection/', '');
      var tr = p.trajectory;
      if (tr) {
        var marks = [];
        if (p.peakDate && !p.peakPassed && p.peakDate <= tr.dates[tr.dates.length - 1]) {
          marks.push({ name: 'peak', coord: [p.peakDate, p.peakLossGapNats], symbol: 'triangle', symbolSize: 11 });
        }
        if (p.convergenceDate && p.convergenceDate <= tr.dates[tr.dates.length - 1]) {
          marks.push({ name: 'below threshold', coord: [p.convergenceDate, p.thresholdNats], symbol: 'circle', symbolSize: 9 });
        }
        series.push({ name: name, type: 'line', data: pairs(tr.dates, tr.lossGap), symbol: 'none',
          lineStyle: { color: c, width: 2 }, itemStyle: { color: c },
          markPoint: { data: marks, label: { show: false }, itemStyle: { color: c } },
          markLine: i === 0 ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' },
            label: { formatter: 'threshold ' + p.thresholdNats + ' nats/token' }, data: [{ yAxis: p.thresholdNats }] } : undefined });
        series.push.apply(series, band(name, tr.dates, tr.low, tr.high, c));
      }
      rows.push([p.meek || name, num(p.lossGapNats) + ' [' + num(p.low) + ', ' + num(p.high) + ']',
        p.mmluGapPoints != null ? num(p.mmluGapPoints, 3) : 'n/a',
        (p.peakDate || '') + (p.peakPassed ? ' (passed)' : ''), p.peakLossGapNats != null ? num(p.peakLossGapNats) : '',
        p.convergenceDate ? p.convergenceDate + ' [' + (p.convergenceDateLow || '?') + ', ' + (p.convergenceDateHigh || 'later') + ']' : '',
        p.status || '']);
    });
    draw('chart-projections', {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return num(v) + ' nats/token'; } },
      xAxis: timeAxis(), yAxis: { type: 'value', name: 'loss gap ΔL (nats/token)', nameLocation: 'middle', nameGap: 48 },
      series: series
    });
    el('table-projections').innerHTML = table(['meek budget', 'ΔL today (nats/token) [range]', 'MMLU-equivalent gap (points)',
      'peak', 'peak ΔL (nats/token)', 'below threshold [range]', 'status'], rows, null);
    el('def-projections').innerHTML = paragraphs(data.projections.slice(0, 1).map(function (p) { return p.basis; })
      .concat(['The range pushes every fitted rate to the end of its 90 % interval that closes the gap earlier, and to the end that closes it later; the threshold is the loss gap below which the paper calls two models indistinguishable in practice.']));
  }

  function renderAlerts(data) {
    var rules = [], seen = {};
    data.alerts.forEach(function (a) { if (a.rule && !seen[a.rule]) { seen[a.rule] = true; rules.push(a.rule); } });
    rules.sort();
    var fired = [], resolved = [], spans = [], open = {};
    data.alerts.forEach(function (a) {
      if (!a.asOf || !a.rule) { return; }
      var point = [a.asOf, a.rule, a.summary || ''];
      if (a.status === 'firing') { fired.push(point); open[a.fingerprint] = a.asOf; } else {
        resolved.push(point);
        if (open[a.fingerprint]) { spans.push({ coords: [[open[a.fingerprint], a.rule], [a.asOf, a.rule]] }); delete open[a.fingerprint]; }
      }
    });
    var last = data.asOf;
    Object.keys(open).forEach(function (fp) {
      var a = data.alerts.filter(function (x) { return x.fingerprint === fp; })[0];
      if (last && a) { spans.push({ coords: [[open[fp], a.rule], [last, a.rule]] }); }
    });
    var tip = { trigger: 'item', formatter: function (p) { var d = p.data; return Array.isArray(d) ? esc(d[0]) + ' ' + esc(p.seriesName) + '<br><b>' + esc(d[1]) + '</b><br>' + esc(d[2]) : ''; } };
    draw('chart-alerts', {
      grid: { left: 230, right: 40, top: 40, bottom: 60 },
      tooltip: tip,
      xAxis: timeAxis(),
      yAxis: { type: 'category', data: rules, axisLabel: { width: 210, overflow: 'truncate' } },
      series: [
        { name: 'firing', type: 'lines', coordinateSystem: 'cartesian2d', data: spans, lineStyle: { color: '#e9a39b', width: 5, opacity: 0.8 }, silent: true },
        { name: 'fired', type: 'scatter', data: fired, symbol: 'triangle', symbolSize: 10, itemStyle: { color: '#c0392b' } },
        { name: 'resolved', type: 'scatter', data: resolved, symbol: 'circle', symbolSize: 8, itemStyle: { color: '#2e8b57' } }
      ]
    });
    lazyTable('table-alerts', function () { return table(['as of', 'status', 'rule', 'severity', 'summary'],
      data.alerts.slice().reverse().map(function (a) { return [a.asOf, a.status, a.rule, a.severity || '', a.summary || '']; }), null); });
  }

  function renderProvenance(data, live) {
    el('table-sources').innerHTML = '<h3>Where the numbers come from</h3>' + table(['input', 'origin', 'cited source', 'items', 'latest date'],
      data.sources.map(function (s) { return [s.type, s.origin, s.source, s.items, s.latestDate || '']; }), 3);
    var revisions = data.revisions || [];
    if (revisions.length) {
      el('table-sources').innerHTML += '<h3>Watched sources: latest revision of each</h3>' + table(
        ['source', 'outcome', 'fetched at', 'HTTP', 'rows', 'upserts', 'tombstones', 'SHA-256', 'error'],
        revisions.map(function (r) {
          return [r.sourceId, r.outcome, r.fetchedAt, r.httpStatus == null ? '' : r.httpStatus, r.rows, r.upserts, r.tombstones,
            r.sha256 ? r.sha256.substring(0, 12) : '', r.error || ''];
        }), 4);
    }
    var ids = Object.keys(data.series);
    var h = '<h3>API</h3>';
    if (live) {
      h += '<ul><li><a href="api">api</a>: the endpoints and every id (JSON)</li><li><a href="api/page">api/page</a>: this page\'s data (JSON)</li>' +
        '<li><a href="fits">fits</a> and <a href="gaps">gaps</a>: current values (JSON)</li><li><a href="sources">sources</a>: the latest revision of each watched source</li><li><a href="history">history</a>: the ids with a history</li>' +
        '<li><a href="report.html">report.html</a>: this page as one self-contained file</li></ul><h4>History of each gap</h4><ul>' +
        ids.map(function (id) {
          var u = 'history/' + id.split('/').map(encodeURIComponent).join('/');
          return '<li>' + esc(id) + ': <a href="' + u + '">JSON</a> · <a href="' + u + '?format=csv">CSV</a></li>';
        }).join('') + '</ul>';
    } else {
      h += '<p>This report was written from a tracker at ' + esc(data.generatedAt) + '; a running tracker serves the same numbers as JSON and CSV at /api, /fits, /gaps and /history/{id}.</p>';
    }
    el('endpoints').innerHTML = h;
  }

  function render(data, live) {
    var t0 = performance.now();
    state.data = data;
    document.querySelectorAll('[data-setting]').forEach(function (n) {
      var v = data.settings[n.getAttribute('data-setting')];
      if (v != null) { n.textContent = v; }
    });
    renderCompute(data);
    renderComputeGap(data);
    renderBenchmarks(data);
    renderHardware(data);
    renderProjections(data);
    renderAlerts(data);
    renderProvenance(data, live);
    state.renderMs = performance.now() - t0;
    // From navigation start to the end of the first draw: what a reader waits for.
    if (state.loadedMs == null) { state.loadedMs = performance.now(); }
    state.renders++;
    document.body.setAttribute('data-renders', String(state.renders));
    var status = el('status');
    status.className = '';
    status.textContent = (data.asOf ? 'as of ' + data.asOf + ' (latest event date) · ' : 'no data yet · ') +
      data.models.rows.length + ' models, ' + data.hardware.rows.length + ' chips · ' +
      (live ? 'live, updated ' + new Date().toLocaleTimeString() : 'report generated ' + data.generatedAt);
  }

  function poll() {
    var headers = state.etag ? { 'If-None-Match': state.etag } : {};
    fetch('api/page', { headers: headers, cache: 'no-store' }).then(function (r) {
      if (r.status === 304) { return null; }
      if (!r.ok) { throw new Error('the tracker answered ' + r.status); }
      state.etag = r.headers.get('ETag');
      return r.json();
    }).then(function (data) {
      if (data) { render(data, true); }
    }).catch(function (e) {
      var status = el('status');
      status.className = 'error';
      status.textContent = 'cannot reach the tracker (' + e.message + '); retrying every ' + POLL_MS / 1000 + ' s';
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  el('view-toggle').addEventListener('click', function () {
    var tables = !document.body.classList.contains('tables');
    document.body.classList.toggle('tables', tables);
    this.setAttribute('aria-pressed', String(tables));
    this.textContent = tables ? 'Show charts' : 'Show tables instead of charts';
    document.querySelectorAll('details.numbers').forEach(function (d) { d.open = tables; });
    if (tables) {
      Object.keys(pendingTables).forEach(function (id) { el(id).innerHTML = pendingTables[id](); delete pendingTables[id]; });
    }
    if (!tables) { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }
  });

  var inline = el('meek-data');
  if (inline) {
    render(JSON.parse(inline.textContent), false);
  } else {
    poll();
  }
})();
