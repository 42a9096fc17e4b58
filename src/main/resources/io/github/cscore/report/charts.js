// Draws the report's charts from the JSON in #report-data with ECharts (SVG renderer, no
// animation, so a headless browser's DOM and screenshot show the finished charts), then records
// where each chart and overlay sits, and what each chart drew, in body[data-layout] for the render
// test. The charts fill their container and are drawn again when the window is resized, with as
// many epoch labels as fit. Undefined values are gaps marked with a cross at the bottom, never
// bridged; a macro C-Score that covers only some classes is a hollow point; the C-Score floor and
// the gold-list minimum are red lines; each technique has a symbol and a dash of its own, so lines
// that overlap stay apart.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var encode = echarts.format.encodeHTML;
  var first = data.epochs[0];
  var last = data.epochs[data.epochs.length - 1];
  var classCount = data.classes.length;
  var symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];
  var dashes = ['solid', [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6]];
  var cross = 'path://M0,0 L10,10 M10,0 L0,10';
  var charts = [];

  function xAxis(width) {
    var span = Math.max(1, last - first);
    var fit = Math.max(2, Math.floor((width - 120) / 34));
    var interval = Math.max(1, Math.ceil(span / fit));
    return {type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26,
      min: first, max: last > first ? last : first + 1, interval: interval, minInterval: 1};
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

  function line(name, values, axis, style, leftOut) {
    var s = {name: name, type: 'line', yAxisIndex: axis, data: pairs(values, leftOut), connectNulls: false,
      showSymbol: true, symbol: symbols[style % symbols.length], symbolSize: 7,
      lineStyle: {width: 2, type: dashes[style % dashes.length]}, emphasis: {focus: 'series'}};
    return s;
  }

  // A technique's macro: hollow where it covers only some classes, with the count in the tooltip.
  function macroLine(technique, style) {
    var s = line(technique.name, technique.macro, 0, style);
    // A checkpoint the time budget left the technique out of is no point: the line joins across it.
    s.data = [];
    data.epochs.forEach(function (epoch, i) {
      if (technique.scheduledOut && technique.scheduledOut[i]) {
        return;
      }
      var point = {value: [epoch, technique.macro[i]], defined: technique.defined[i]};
      if (technique.macro[i] !== null && technique.defined[i] < classCount) {
        point.itemStyle = {color: '#fff', borderWidth: 2};
        point.partial = true;
      }
      s.data.push(point);
    });
    s.tooltip = {formatter: function (p) {
      var covered = p.data.defined < classCount ? ' (macro of ' + p.data.defined + ' of ' + classCount + ' classes)' : '';
      return encode(p.seriesName) + ', epoch ' + p.value[0] + ': ' + (p.value[1] === null ? 'undefined'
        : p.value[1].toFixed(3)) + covered;
    }};
    return s;
  }

  // AUC in black, dashed, apart from the techniques' palette colours.
  function aucLine(name, values) {
    var s = line(name, values, 1, 0);
    s.symbol = 'circle';
    s.symbolSize = 5;
    s.itemStyle = {color: '#222'};
    s.lineStyle = {color: '#222', type: 'dashed', width: 2};
    return s;
  }

  // Crosses at the bottom where a value is undefined, with the reason in the tooltip.
  function undefinedMarks(points) {
    return {name: 'undefined', type: 'scatter', yAxisIndex: 0, symbol: cross, symbolSize: 9,
      itemStyle: {color: '#888', borderColor: '#888', borderWidth: 1.5}, z: 5,
      data: points.map(function (p) { return {value: [p.epoch, 0.015], reason: p.reason}; }),
      tooltip: {formatter: function (p) { return 'undefined at epoch ' + p.value[0] + ': ' + encode(p.data.reason); }}};
  }

  function missing(values, reasonAt, leftOut) {
    var points = [];
    values.forEach(function (v, i) {
      if (v === null && !(leftOut && leftOut[i])) {
        points.push({epoch: data.epochs[i], reason: reasonAt(i)});
      }
    });
    return points;
  }

  // The transfer/fine-tune boundary (vertical) and a red threshold line, on the first series.
  function withMarks(series, threshold, label) {
    if (series.length === 0) {
      return series;
    }
    var marks = [];
    if (data.boundary !== null) {
      marks.push({xAxis: data.boundary, lineStyle: {type: 'dashed', color: '#444', width: 1.5},
        label: {formatter: 'transfer | fine-tuning', position: 'insideEndTop', color: '#444'}});
    }
    if (threshold !== null && threshold !== undefined) {
      marks.push({yAxis: threshold, lineStyle: {type: 'solid', color: '#d62728', width: 1.5},
        label: {formatter: label, position: 'insideStartTop', color: '#d62728'}});
    }
    series[0].markLine = {silent: true, symbol: 'none', animation: false, data: marks};
    return series;
  }

  function alertSeries() {
    return {name: 'alerts firing', type: 'scatter', yAxisIndex: 0, symbol: 'triangle', symbolSize: 14,
      itemStyle: {color: '#d62728'},
      data: data.alerts.map(function (alert) { return {value: [alert.epoch, 0.06], rules: alert.rules}; }),
      tooltip: {formatter: function (p) {
        return 'alerts at epoch ' + p.value[0] + ': ' + encode(p.data.rules);
      }}};
  }

  function base(title, series, leftName, rightName, width) {
    var narrow = width < 600;
    return {animation: false, title: {text: title, left: 'center', textStyle: {fontSize: narrow ? 12 : 15}},
      tooltip: {trigger: 'item'}, legend: {top: narrow ? 22 : 26, type: 'scroll', textStyle: {fontSize: narrow ? 10 : 12}},
      grid: {left: narrow ? 40 : 60, right: narrow ? 40 : 60, top: 70, bottom: 45},
      xAxis: xAxis(width), yAxis: [unitAxis(leftName, 'left'), unitAxis(rightName, 'right')], series: series};
  }

  function draw(id, makeOption) {
    var element = document.getElementById(id);
    var chart = echarts.init(element, null, {renderer: 'svg'});
    var option = makeOption(element.clientWidth);
    chart.setOption(option);
    var undefinedCount = option.series.filter(function (s) { return s.name === 'undefined'; })
      .reduce(function (n, s) { return n + s.data.length; }, 0);
    var partial = option.series.reduce(function (n, s) {
      return n + (s.data || []).filter(function (p) { return p && p.partial; }).length;
    }, 0);
    var marks = option.series.length > 0 && option.series[0].markLine ? option.series[0].markLine.data : [];
    element.setAttribute('data-rendered', element.querySelectorAll('svg path').length > 0 ? 'true' : 'false');
    element.setAttribute('data-undefined', String(undefinedCount));
    element.setAttribute('data-partial', String(partial));
    element.setAttribute('data-thresholds', String(marks.filter(function (m) { return m.yAxis !== undefined; }).length));
    element.setAttribute('data-epoch-labels', String(Math.floor((option.xAxis.max - option.xAxis.min)
      / option.xAxis.interval) + 1));
    charts.push({chart: chart, element: element, makeOption: makeOption});
  }

  function globalOption(width) {
    var series = data.techniques.map(macroLine);
    series.push(aucLine('macro AUC', data.macroAuc));
    var gaps = [];
    data.techniques.forEach(function (t) {
      gaps = gaps.concat(missing(t.macro, function () { return t.name + ': no class has a defined C-Score'; },
        t.scheduledOut));
    });
    if (gaps.length > 0) {
      series.push(undefinedMarks(gaps));
    }
    if (data.alerts.length > 0) {
      series.push(alertSeries());
    }
    return base('C-Score per technique (macro over classes) and AUC', withMarks(series, data.floor,
      'floor ' + data.floor), 'C-Score', 'AUC', width);
  }
  draw('chart-global', globalOption);

  data.classes.forEach(function (cls, c) {
    draw('chart-class-' + c, function (width) {
      var series = data.techniques.map(function (t, k) { return line(t.name, t.classes[c], 0, k, t.scheduledOut); });
      series.push(aucLine('AUC ' + cls.name, cls.auc));
      var gaps = [];
      data.techniques.forEach(function (t) {
        gaps = gaps.concat(missing(t.classes[c], function (i) { return t.name + ': ' + t.reasons[c][i]; },
          t.scheduledOut));
      });
      if (gaps.length > 0) {
        series.push(undefinedMarks(gaps));
      }
      return base('Class ' + cls.name + ': C-Score per technique and AUC', withMarks(series, data.floor,
        'floor ' + data.floor), 'C-Score', 'AUC', width);
    });
  });

  draw('chart-gold', function (width) {
    var gold = data.classes.map(function (cls, c) { return line('gold ' + cls.name, cls.gold, 0, c); });
    data.classes.forEach(function (cls, c) {
      var sample = line('sample ' + cls.name, cls.sample, 0, c);
      sample.lineStyle.type = 'dotted';
      sample.showSymbol = false;
      gold.push(sample);
    });
    var option = base('Gold-list size per class (dotted: images in the sample)', withMarks(gold, data.goldMinimum,
      'minimum ' + data.goldMinimum + ': below it the C-Score is undefined'), 'images', '', width);
    option.yAxis = [{type: 'value', name: 'images', minInterval: 1, min: 0}];
    return option;
  });

  window.addEventListener('resize', function () {
    charts.forEach(function (c) {
      c.chart.resize();
      c.chart.setOption(c.makeOption(c.element.clientWidth), true);
    });
  });

  var layout = [];
  document.querySelectorAll('.chart, img.overlay').forEach(function (element) {
    var box = element.getBoundingClientRect();
    var chart = element.classList.contains('chart');
    layout.push({id: element.id || '', kind: chart ? 'chart' : 'overlay',
      x: Math.round(box.left + window.scrollX), y: Math.round(box.top + window.scrollY),
      w: Math.round(box.width), h: Math.round(box.height),
      undefinedMarks: chart ? Number(element.getAttribute('data-undefined')) : 0,
      partial: chart ? Number(element.getAttribute('data-partial')) : 0,
      thresholds: chart ? Number(element.getAttribute('data-thresholds')) : 0,
      epochLabels: chart ? Number(element.getAttribute('data-epoch-labels')) : 0});
  });
  document.body.setAttribute('data-layout', JSON.stringify(layout));
  document.body.setAttribute('data-page-width', String(document.documentElement.scrollWidth));
  document.body.setAttribute('data-viewport-width', String(window.innerWidth));
}());
