"""Map links shared by houses and venues."""


def openstreetmap_url(latitude, longitude):
    """The OpenStreetMap page with a marker on the point; empty without coordinates."""
    if latitude is None or longitude is None:
        return ""
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"
