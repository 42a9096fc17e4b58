// Draws the panels of dashboards/cscore-overview.json from the data DashboardPreview queried from a
// live Prometheus (#preview-data), laid out on Grafana's 24-column grid: time series with ECharts
// (SVG, no animation), stats as numbers with their value mappings and units, tables with their
// transformations applied. Records where each panel sits, and what it drew, in body[data-layout].
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('preview-data').textContent);
  var palette = ['#7eb26d', '#eab839', '#6ed0e0', '#ef843c', '#e24d42', '#1f78c1', '#ba43a9', '#705da0',
    '#508642', '#cca300', '#447ebc', '#c15c17'];

  function format(value, unit, decimals) {
    if (value === null || value === undefined || isNaN(value)) {
      return 'no value';
    }
    var d = decimals === null || decimals === undefined ? 2 : decimals;
    if (unit === 'percentunit') {
      return (value * 100).toFixed(d) + ' %';
    }
    if (unit === 's') {
      return value >= 120 ? (value / 60).toFixed(1) + ' min' : value.toFixed(d) + ' s';
    }
    return value.toFixed(d);
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function timeseries(body, panel) {
    var series = panel.series.map(function (s, i) {
      var color = s.style.color || palette[i % palette.length];
      var line = {name: s.name, type: 'line', step: panel.step ? 'end' : false, showSymbol: panel.points,
        symbolSize: 5, connectNulls: false, data: s.points, itemStyle: {color: color},
        lineStyle: {width: s.style.area ? 0 : 2, type: s.style.dashed ? 'dashed' : 'solid', color: color}};
      if (s.style.area) {
        line.areaStyle = {opacity: 0.15, color: color};
        line.showSymbol = false;
      }
      return line;
    });
    if (series.length > 0 && panel.threshold !== null) {
      series[0].markLine = {silent: true, symbol: 'none', animation: false,
        lineStyle: {color: '#e02f44', type: 'solid', width: 1.5},
        label: {formatter: format(panel.threshold, panel.unit, panel.decimals), color: '#e02f44'},
        data: [{yAxis: panel.threshold}]};
    }
    var chart = echarts.init(body, null, {renderer: 'svg'});
    chart.setOption({animation: false, grid: {left: 56, right: 16, top: 10, bottom: 52},
      tooltip: {trigger: 'axis'}, legend: {bottom: 0, type: 'scroll', textStyle: {fontSize: 10}},
      xAxis: {type: 'time', axisLabel: {fontSize: 10}},
      yAxis: {type: 'value', min: panel.min, max: panel.max, axisLabel: {fontSize: 10,
        formatter: function (v) { return format(v, panel.unit, panel.unit === 'percentunit' ? 0 : panel.decimals); }}},
      series: series});
    return series.reduce(function (n, s) { return n + s.data.length; }, 0);
  }

  function stat(body, panel) {
    var grid = element('div', 'stats');
    panel.values.forEach(function (v) {
      var box = element('div', 'stat');
      var mapped = v.mapping ? v.mapping[String(Math.round(v.value))] : null;
      var value = element('div', 'value', mapped ? mapped.text : format(v.value, v.unit, v.decimals));
      if (mapped && mapped.color && mapped.color !== 'text') { value.style.color = mapped.color; }
      box.appendChild(value);
      box.appendChild(element('div', 'name', v.name));
      grid.appendChild(box);
    });
    body.appendChild(grid);
    return panel.values.length;
  }

  function table(body, panel) {
    var t = element('table', 'table');
    var head = element('tr');
    panel.columns.forEach(function (c) { head.appendChild(element('th', '', c)); });
    t.appendChild(head);
    panel.rows.forEach(function (row) {
      var tr = element('tr');
      row.forEach(function (cell, i) {
        var td = element('td');
        if (panel.links[i]) {
          var a = element('a', '', cell.text);
          a.href = panel.links[i].replace('${__value.raw}', cell.text);
          td.appendChild(a);
        } else {
          td.textContent = cell.text;
        }
        if (cell.background) { td.style.background = cell.background; }
        if (cell.color) { td.style.color = cell.color; }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    body.appendChild(t);
    return panel.rows.length;
  }

  var dashboard = document.getElementById('dashboard');
  var layout = [];
  data.panels.forEach(function (panel) {
    var box = element('div', panel.type === 'row' ? 'row' : 'panel');
    box.style.gridColumn = (panel.gridPos.x + 1) + ' / span ' + panel.gridPos.w;
    box.style.gridRow = (panel.gridPos.y + 1) + ' / span ' + panel.gridPos.h;
    box.appendChild(element('div', 'title', panel.title));
    dashboard.appendChild(box);
    if (panel.type === 'row') {
      return;
    }
    var body = element('div', 'body');
    box.appendChild(body);
    var drawn = panel.type === 'timeseries' ? timeseries(body, panel)
      : panel.type === 'stat' ? stat(body, panel) : table(body, panel);
    var rect = box.getBoundingClientRect();
    layout.push({title: panel.title, type: panel.type, drawn: drawn, x: Math.round(rect.left + window.scrollX),
      y: Math.round(rect.top + window.scrollY), w: Math.round(rect.width), h: Math.round(rect.height)});
  });
  document.body.setAttribute('data-layout', JSON.stringify(layout));
}());
