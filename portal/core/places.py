"""What every place residents go to has in common — its point on the map and whether a wheelchair
user can get in — declared once, with one set of checks, for houses and for the other places
activities happen at."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .geo import openstreetmap_url

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class OnTheMap:
    """The map link of anything with a `latitude` and a `longitude`: a house, an activity's venue."""

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def openstreetmap_url(self):
        return openstreetmap_url(self.latitude, self.longitude)


def place_fields(prefix="", *, step_free_label=None):
    """An abstract model with a place's `<prefix>latitude`, `<prefix>longitude` and
    `<prefix>step_free`, the range of each coordinate validated and the two given together.

    The prefix lets a model hold a place beside fields of its own without renaming the columns
    it already has: a house is a place (`latitude`), an activity names another place when it
    does not happen at a house (`venue_latitude`). Every place gets the same fields, validators,
    help for the editors and check.
    """
    latitude_name = f"{prefix}latitude"
    longitude_name = f"{prefix}longitude"

    def clean(self):
        super(abstract_model, self).clean()
        latitude = getattr(self, latitude_name)
        longitude = getattr(self, longitude_name)
        if (latitude is None) != (longitude is None):
            missing = latitude_name if latitude is None else longitude_name
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})

    class_name = "".join(part.title() for part in prefix.split("_")) + "PlaceFields"
    attributes = {
        "__module__": __name__,
        "__qualname__": class_name,
        "__doc__": f"A place: {prefix}latitude, {prefix}longitude and {prefix}step_free.",
        latitude_name: models.DecimalField(
            _("latitude"),
            max_digits=9,
            decimal_places=6,
            null=True,
            blank=True,
            validators=LATITUDE_VALIDATORS,
            help_text=_(
                "From OpenStreetMap: right-click the place, choose “Show address” and copy the "
                "first of the two numbers, e.g. 45.0541."
            ),
        ),
        longitude_name: models.DecimalField(
            _("longitude"),
            max_digits=9,
            decimal_places=6,
            null=True,
            blank=True,
            validators=LONGITUDE_VALIDATORS,
            help_text=_("The second of the two numbers, e.g. 7.6342. Give both numbers or neither."),
        ),
        f"{prefix}step_free": models.BooleanField(
            step_free_label or _("step-free access"),
            default=False,
            help_text=_("Tick if a wheelchair user can reach the entrance and the main rooms."),
        ),
        "clean": clean,
        "Meta": type("Meta", (), {"abstract": True}),
    }
    abstract_model = type(class_name, (models.Model,), attributes)
    return abstract_model


# A neighbourhood house's place: `latitude`, `longitude`, `step_free`.
PlaceFields = place_fields()
