"""Italian as written in Turin: "5 gennaio 2027", "martedì 5 gennaio 2027", names in lower case."""

DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
WEEKDAY_DATE_FORMAT = "l j F Y"
WEEKDAY_DAY_FORMAT = "l j F"
# Django's Italian catalogue capitalises weekday and month names ("Martedì", "Gennaio").
LOWERCASE_DATE_NAMES = True
