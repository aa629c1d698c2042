from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site itself: the home page, the navigation and the command that loads the whole plan.

    The top of the house: it may import every app; no app imports it."""

    name = "parkops.site"
    label = "parkops_site"  # not "sites": that is django.contrib.sites'

    def ready(self) -> None:
        # The park office's 数据待补 line on the home page (parkops.common.home).
        from parkops.site import home

        home.register()
