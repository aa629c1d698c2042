// Draws one ECharts chart per indicator from the options the server computed (the same numbers
// as the table and the export). Runs once the deferred echarts.min.js has loaded.
document.addEventListener("DOMContentLoaded", () => {
  const options = JSON.parse(document.getElementById("indicator-charts").textContent);
  for (const el of document.querySelectorAll(".indicator-chart")) {
    const chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(options[el.dataset.number]);
    el.dataset.ready = "true";
    window.addEventListener("resize", () => chart.resize());
  }
});
