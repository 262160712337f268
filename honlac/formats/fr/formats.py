# United Nations French style: "3 octobre 2023", "3 octobre 2023, 19:27" ("1er" for the first of a month is added
# by the filters long_date and long_datetime, which Django's format strings cannot write).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
