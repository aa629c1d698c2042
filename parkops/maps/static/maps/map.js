// The park map: MapLibre GL draws the shapes the server sends as GeoJSON (filtered and scoped
// there), coloured by the category it computed, inside the park's extent only. No tile server,
// no fonts, no sprites: labels are HTML markers, so nothing is fetched from another host. An
// optional raster PMTiles basemap is served by our own server (byte ranges).
document.addEventListener("DOMContentLoaded", () => {
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const container = document.getElementById("park-map");
  const form = document.getElementById("map-filter");
  const legend = document.getElementById("map-legend");
  const [west, south, east, north] = config.extent;
  const padX = (east - west) * 0.1;
  const padY = (north - south) * 0.1;
  const MAX_LABELS = 300;

  const style = {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f1ea" } }],
  };
  if (config.basemap && window.pmtiles) {
    const protocol = new pmtiles.Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
    style.sources.basemap = {
      type: "raster",
      url: `pmtiles://${window.location.origin}${config.basemap}`,
      tileSize: 256,
    };
    style.layers.push({ id: "basemap", type: "raster", source: "basemap" });
  }

  const map = new maplibregl.Map({
    container,
    style,
    bounds: [west, south, east, north],
    maxBounds: [west - padX, south - padY, east + padX, north + padY],
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.parkopsMap = map; // for the browser test

  let markers = [];
  let fitted = false;

  function filterQuery() {
    const params = new URLSearchParams(new FormData(form));
    params.delete("bbox");
    return params;
  }

  function openCard(url) {
    const colour = form.querySelector("[name=colour]").value;
    htmx.ajax("GET", `${url}?colour=${encodeURIComponent(colour)}`, {
      target: "#map-card",
      swap: "innerHTML",
    });
  }

  function drawLegend(entries) {
    legend.replaceChildren();
    for (const { label, colour } of Object.values(entries)) {
      const item = document.createElement("span");
      item.className = "me-3 legend-item";
      const swatch = document.createElement("span");
      swatch.className = "legend-swatch";
      swatch.style.backgroundColor = colour;
      item.append(swatch, document.createTextNode(label));
      legend.append(item);
    }
  }

  function drawLabels(features) {
    for (const marker of markers) marker.remove();
    markers = [];
    if (features.length > MAX_LABELS) return;
    for (const feature of features) {
      const element = document.createElement("button");
      element.type = "button";
      element.className = `map-label map-label-${feature.properties.kind}`;
      element.textContent = feature.properties.name;
      element.dataset.card = feature.properties.card;
      element.addEventListener("click", (event) => {
        event.stopPropagation();
        openCard(feature.properties.card);
      });
      const marker = new maplibregl.Marker({ element }).setLngLat(feature.properties.centre);
      markers.push(marker.addTo(map));
    }
  }

  async function load() {
    container.dataset.loaded = "false";
    const response = await fetch(`${config.shapes}?${filterQuery()}`, {
      headers: { Accept: "application/geo+json" },
    });
    const data = await response.json();
    map.getSource("shapes").setData(data);
    window.parkopsMapData = data; // for the browser test
    drawLegend(data.legend);
    drawLabels(data.features);
    if (!fitted && data.features.length) {
      // The first view frames the shapes (within the park's extent), not the whole box.
      fitted = true;
      const bounds = new maplibregl.LngLatBounds();
      for (const f of data.features) bounds.extend(f.properties.centre);
      map.fitBounds(bounds, { padding: 60, maxZoom: 16, animate: false });
    }
    container.dataset.features = String(data.features.length);
    container.dataset.colours = [...new Set(data.features.map((f) => f.properties.colour))].join(",");
    container.dataset.loaded = "true";
  }

  function reportView() {
    const b = map.getBounds();
    const box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6));
    form.querySelector("[name=bbox]").value = box.join(",");
    htmx.trigger(form, "bbox");
  }

  map.on("load", () => {
    const outline = [[west, south], [east, south], [east, north], [west, north], [west, south]];
    map.addSource("extent", {
      type: "geojson",
      data: { type: "Feature", geometry: { type: "LineString", coordinates: outline } },
    });
    map.addLayer({ id: "extent", type: "line", source: "extent",
                   paint: { "line-color": "#6c757d", "line-dasharray": [2, 2] } });
    map.addSource("shapes", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    map.addLayer({
      id: "shape-fill",
      type: "fill",
      source: "shapes",
      paint: {
        "fill-color": ["get", "colour"],
        "fill-opacity": ["case", ["==", ["get", "kind"], "small_park"], 0.2, 0.65],
      },
    });
    map.addLayer({
      id: "shape-line",
      type: "line",
      source: "shapes",
      paint: {
        "line-color": ["case", ["==", ["get", "kind"], "small_park"], "#343a40", "#ffffff"],
        "line-width": ["case", ["==", ["get", "kind"], "small_park"], 2, 1],
      },
    });
    map.on("click", "shape-fill", (event) => {
      // A plot lies inside its small park: the plot wins.
      const features = event.features || [];
      const chosen = features.find((f) => f.properties.kind === "plot") || features[0];
      if (chosen) openCard(chosen.properties.card);
    });
    map.on("mouseenter", "shape-fill", () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", "shape-fill", () => { map.getCanvas().style.cursor = ""; });
    map.on("moveend", reportView);
    load();
  });

  let typing;
  form.addEventListener("change", () => load());
  form.addEventListener("submit", () => load());
  form.addEventListener("keyup", (event) => {
    if (event.target.name !== "q") return;
    clearTimeout(typing);
    typing = setTimeout(load, 400);
  });
});
