from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site itself: the home page, the navigation and the command that loads the whole plan.

    The top of the house: it may import every app; no app imports it."""

    name = "parkops.site"
    label = "parkops_site"  # not "sites": that is django.contrib.sites'
