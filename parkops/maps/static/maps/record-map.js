// The small map on a plot's or a small park's page: the record's shape (blue) among the shapes
// around it (grey), from the JSON the page carries. Static: no panning, no zooming, no tiles, no
// fonts, so nothing is fetched at all, let alone from another host.
(() => {
  const SELF = "#0d6efd";
  const NEIGHBOUR = "#adb5bd";

  function draw() {
    const container = document.getElementById("record-map");
    if (!container || !window.maplibregl) return;
    const config = JSON.parse(document.getElementById("record-map-config").textContent);
    const isSelf = ["==", ["get", "role"], "self"];
    const isPark = ["==", ["get", "kind"], "small_park"];
    const map = new maplibregl.Map({
      container,
      style: {
        version: 8,
        sources: { shapes: { type: "geojson", data: config.shapes } },
        layers: [
          { id: "background", type: "background", paint: { "background-color": "#f3f1ea" } },
          {
            id: "fill",
            type: "fill",
            source: "shapes",
            paint: {
              "fill-color": ["case", isSelf, SELF, NEIGHBOUR],
              "fill-opacity": ["case", isPark, ["case", isSelf, 0.3, 0.15], isSelf, 0.6, 0.45],
            },
          },
          {
            id: "line",
            type: "line",
            source: "shapes",
            paint: {
              "line-color": ["case", isSelf, SELF, isPark, "#495057", "#ffffff"],
              "line-width": ["case", isSelf, 2, 1],
            },
          },
        ],
      },
      bounds: config.bounds,
      fitBoundsOptions: { padding: 40, maxZoom: 18 },
      interactive: false,
      attributionControl: false,
    });
    window.parkopsRecordMap = map; // for the browser test
    map.on("load", () => {
      container.dataset.features = String(config.shapes.features.length);
      container.dataset.loaded = "true";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
