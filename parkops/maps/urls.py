from django.urls import path

from parkops.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("shapes.geojson", views.shapes_geojson, name="shapes_geojson"),
    path("shapes.xlsx", views.shapes_export, name="shapes_export"),
    path("plots/<int:pk>/card/", views.plot_card, name="plot_card"),
    path("small-parks/<int:pk>/card/", views.park_card, name="park_card"),
    path("import/", views.shape_import, name="import"),
    path("basemap.pmtiles", views.basemap, name="basemap"),
]
