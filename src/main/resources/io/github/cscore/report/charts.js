// Draws the report's charts from the JSON in #report-data with ECharts (SVG renderer, no
// animation, so a headless browser's DOM and screenshot show the finished charts), then records
// where each chart and overlay sits in body[data-layout] for the render test.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var encode = echarts.format.encodeHTML;
  var first = data.epochs[0];
  var last = data.epochs[data.epochs.length - 1];

  function xAxis() {
    return {type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26,
      min: first, max: last > first ? last : first + 1, minInterval: 1};
  }

  function unitAxis(name, position) {
    return {type: 'value', name: name, min: 0, max: 1, position: position,
      splitLine: {show: position === 'left'}};
  }

  // Checkpoints marked left out (the time budget's scheduled_out) are no data: dropped, so the
  // line joins the checkpoints around them; an undefined score (null) still breaks the line.
  function pairs(values, leftOut) {
    var points = [];
    data.epochs.forEach(function (epoch, i) {
      if (!(leftOut && leftOut[i])) {
        points.push([epoch, values[i]]);
      }
    });
    return points;
  }

  function line(name, values, axis, dashed, leftOut) {
    return {name: name, type: 'line', yAxisIndex: axis, data: pairs(values, leftOut), connectNulls: false,
      showSymbol: true, symbolSize: 6, lineStyle: dashed ? {type: 'dashed', width: 2} : {width: 2}};
  }

  // AUC in black, apart from the techniques' palette colours.
  function aucLine(name, values) {
    var series = line(name, values, 1, true);
    series.itemStyle = {color: '#222'};
    series.lineStyle.color = '#222';
    return series;
  }

  // The transfer/fine-tune boundary, a vertical dashed line on the first series.
  function withBoundary(series) {
    if (series.length > 0 && data.boundary !== null) {
      series[0].markLine = {silent: true, symbol: 'none', animation: false,
        lineStyle: {type: 'dashed', color: '#444', width: 1.5},
        label: {formatter: 'transfer | fine-tuning', position: 'insideEndTop', color: '#444'},
        data: [{xAxis: data.boundary}]};
    }
    return series;
  }

  function alertSeries() {
    return {name: 'alerts firing', type: 'scatter', yAxisIndex: 0, symbol: 'triangle', symbolSize: 14,
      itemStyle: {color: '#d62728'},
      data: data.alerts.map(function (alert) { return {value: [alert.epoch, 0.02], rules: alert.rules}; }),
      tooltip: {formatter: function (p) {
        return 'alerts at epoch ' + p.value[0] + ': ' + encode(p.data.rules);
      }}};
  }

  function base(title, series, leftName, rightName) {
    return {animation: false, title: {text: title, left: 'center', textStyle: {fontSize: 15}},
      tooltip: {trigger: 'item'}, legend: {top: 26, type: 'scroll'},
      grid: {left: 60, right: 60, top: 70, bottom: 45},
      xAxis: xAxis(), yAxis: [unitAxis(leftName, 'left'), unitAxis(rightName, 'right')],
      series: withBoundary(series)};
  }

  function draw(id, option) {
    var element = document.getElementById(id);
    var chart = echarts.init(element, null, {renderer: 'svg'});
    chart.setOption(option);
    element.setAttribute('data-rendered', element.querySelectorAll('svg path').length > 0 ? 'true' : 'false');
  }

  var global = data.techniques.map(function (t) { return line(t.name, t.macro, 0, false, t.scheduledOut); });
  global.push(aucLine('macro AUC', data.macroAuc));
  if (data.alerts.length > 0) {
    global.push(alertSeries());
  }
  draw('chart-global', base('C-Score per technique (macro over classes) and AUC', global,
    'C-Score', 'AUC'));

  data.classes.forEach(function (cls, c) {
    var series = data.techniques.map(function (t) {
      return line(t.name, t.classes[c], 0, false, t.scheduledOut);
    });
    series.push(aucLine('AUC ' + cls.name, cls.auc));
    draw('chart-class-' + c, base('Class ' + cls.name + ': C-Score per technique and AUC', series,
      'C-Score', 'AUC'));
  });

  var gold = data.classes.map(function (cls) { return line('gold ' + cls.name, cls.gold, 0, false); });
  data.classes.forEach(function (cls) { gold.push(line('sample ' + cls.name, cls.sample, 0, true)); });
  var goldOption = base('Gold-list size per class (dashed: images in the sample)', gold, 'images', '');
  goldOption.yAxis = [{type: 'value', name: 'images', minInterval: 1, min: 0}];
  draw('chart-gold', goldOption);

  var layout = [];
  document.querySelectorAll('.chart, img.overlay').forEach(function (element) {
    var box = element.getBoundingClientRect();
    layout.push({id: element.id || '', kind: element.classList.contains('chart') ? 'chart' : 'overlay',
      x: Math.round(box.left + window.scrollX), y: Math.round(box.top + window.scrollY),
      w: Math.round(box.width), h: Math.round(box.height)});
  });
  document.body.setAttribute('data-layout', JSON.stringify(layout));
}());
