"""The funder's own file: a Word or Excel template the office uploads, checked against a
questionnaire definition, then filled with a year's report (Jinja placeholders in Word,
defined names or a mapping sheet in Excel)."""
