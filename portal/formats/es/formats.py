"""Spanish: "martes 5 de enero de 2027", weekday and month names in lower case."""

WEEKDAY_DATE_FORMAT = r"l j \d\e F \d\e Y"
WEEKDAY_DAY_FORMAT = r"l j \d\e F"
# Some installed apps' Spanish catalogues capitalise month names ("Junio").
LOWERCASE_DATE_NAMES = True
