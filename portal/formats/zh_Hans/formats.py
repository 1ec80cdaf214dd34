"""Simplified Chinese: year, month, day, then the weekday: "2027年1月5日 星期二"."""

MONTH_DAY_FORMAT = "n月j日"
WEEKDAY_DATE_FORMAT = "Y年n月j日 l"
WEEKDAY_DAY_FORMAT = "n月j日 l"
