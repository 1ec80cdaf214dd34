from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its commands (`load_demo`): installed in development and tests only."""

    name = "portal.demo"
    label = "demo"
    verbose_name = "Demo content"
