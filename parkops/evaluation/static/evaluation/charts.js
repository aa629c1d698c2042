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
    // The legend sits at the top, above grids that hold their axis labels (containLabel), and
    // each axis is named under its labels: nothing overlaps at any width.
    echarts.init(scoreChart, null, { renderer: "svg" }).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: names, top: 0 },
      xAxis: names.map((n, i) => ({
        type: "category", data: histogram[n].edges, gridIndex: i,
        name: n, nameLocation: "middle", nameGap: 28,
      })),
      yAxis: names.map((n, i) => ({ type: "value", gridIndex: i })),
      grid: names.map((n, i) => ({
        left: `${i * width + 2}%`, width: `${width - 4}%`, top: 40, bottom: 36, containLabel: true,
      })),
      series: names.map((n, i) => ({ name: n, type: "bar", data: histogram[n].counts, xAxisIndex: i, yAxisIndex: i })),
    });
  }

  const radar = read("radar-data");
  const radarChart = document.getElementById("evaluation-radar");
  if (radar && radarChart) {
    echarts.init(radarChart, null, { renderer: "svg" }).setOption({
      tooltip: {},
      legend: { top: 0, data: [radar.names.enterprise, radar.names.benchmark] },
      // Room above for the legend and around for the indicators' names.
      radar: { indicator: radar.indicators, center: ["50%", "56%"], radius: "58%" },
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
