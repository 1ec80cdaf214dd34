"""Romanian: "marți, 5 ianuarie 2027", weekday and month names in lower case."""

WEEKDAY_DATE_FORMAT = "l, j F Y"
WEEKDAY_DAY_FORMAT = "l, j F"
# Django's Romanian catalogue capitalises weekday and month names ("Marți", "Ianuarie").
LOWERCASE_DATE_NAMES = True
