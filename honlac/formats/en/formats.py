# United Nations English style: "3 October 2023", "3 October 2023, 19:27"; one format for every length, so that a
# date or a moment reads the same on every page (the filters long_date and long_datetime add nothing but French "1er").
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
