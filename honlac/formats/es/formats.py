# United Nations Spanish style: "3 de octubre de 2023", "3 de octubre de 2023, 19:27".
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
