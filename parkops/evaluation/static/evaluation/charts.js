// The evaluation's charts, from data the server passes once with json_script: the run page's
// score histogram (#histogram-data) and the enterprise card's radar (#radar-data). Each is drawn
// only where its element is on the page; runs once the deferred echarts.min.js has loaded.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  const read = (id) => {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };

  const histogram = read("histogram-data");
  const scoreChart = document.getElementById("score-chart");
  if (histogram && scoreChart && Object.keys(histogram).length) {
    const names = Object.keys(histogram);
    const width = 100 / names.length;
    echarts.init(scoreChart).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: names },
      xAxis: names.map((n, i) => ({ type: "category", data: histogram[n].edges, gridIndex: i, name: n })),
      yAxis: names.map((n, i) => ({ type: "value", gridIndex: i })),
      grid: names.map((n, i) => ({ left: `${i * width + 4}%`, width: `${width - 8}%` })),
      series: names.map((n, i) => ({ name: n, type: "bar", data: histogram[n].counts, xAxisIndex: i, yAxisIndex: i })),
    });
  }

  const radar = read("radar-data");
  const radarChart = document.getElementById("evaluation-radar");
  if (radar && radarChart) {
    echarts.init(radarChart).setOption({
      tooltip: {},
      legend: { bottom: 0, data: [radar.names.enterprise, radar.names.benchmark] },
      radar: { indicator: radar.indicators },
      series: [{
        type: "radar",
        data: [
          { value: radar.enterprise, name: radar.names.enterprise },
          { value: radar.benchmark, name: radar.names.benchmark, lineStyle: { type: "dashed" } },
        ],
      }],
    });
  }
});
