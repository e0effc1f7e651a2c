"""Infor-Drogues' published figures (annual report 2022, tables 1-12) and a CSV of calls
built to match them, for the activity importer. The figures are copied from the seed report;
the calls are anonymous by construction (no person, no note)."""

import csv
import io

CALLS = {2013: 2539, 2014: 2038, 2015: 2521, 2016: 3001, 2017: 3064, 2018: 2960, 2019: 2309,
         2020: 2679, 2021: 2346, 2022: 2164}  # table 1
MEAN_MINUTES = {2013: 13, 2014: 17, 2015: 17, 2016: 17, 2017: 16, 2018: 16, 2019: 17,
                2020: 20, 2021: 19, 2022: 21}  # table 2
PRODUCTS = {"cannabis": 729, "cocaine": 535, "alcool": 320, "neuroleptiques": 126,
            "benzodiazepines": 82, "heroine": 62, "methadone": 60, "antidepresseurs": 31,
            "amphetamines": 28, "mdma": 20}  # table 5 (the ten most cited)
OTHER_PRODUCTS = {"tabac": 15, "ghb": 9, "ketamine": 5}  # below the top ten
CALLERS = {"consommateur": 1038, "proche": 1017, "professionnel": 109}  # table 6
GENDERS = {"feminin": 1210, "masculin": 954}  # table 7
AGES = {"12-17": 146, "18-29": 402, "30-44": 549, "45-64": 680, "65-79": 295, "80+": 72,
        "inconnu": 20}  # table 8
REGIONS = {"bruxelles": 1213, "wallonie": 898, "flandre": 18, "etranger": 31}  # table 9
UNKNOWN_REGION = 2164 - sum(REGIONS.values())  # 4 calls with no region recorded
FIRST_CONTACT = {"oui": 1600, "non": 564}  # table 10
FOLLOW_UPS = {"orientation_externe": 510, "orientation_interne": 193,
              "travail_pendant_appel": 1766}  # table 11
# Table 12: health-promotion actions, Wallonia then Brussels (« Autres » = expertise,
# programme training and talking groups: 4 and 2).
ACTIONS = {"sensibilisation": (57, 47), "accompagnement": (18, 13), "expertise": (2, 1),
           "formation": (1, 1), "atelier": (1, 0)}

HEADER = ["date", "type", "duree_min", "type_appelant", "genre", "tranche_age", "region",
          "premier_contact", "produits", "suite", "participants"]


def _column(counts: dict[str, int], total: int) -> list[str]:
    values = [code for code, number in counts.items() for _ in range(number)]
    return (values + [""] * total)[:total]


def _marks(counts: dict[str, int], total: int) -> list[list[str]]:
    """Multi-valued: each code on `number` consecutive calls, wrapping (never twice on one)."""
    marks: list[list[str]] = [[] for _ in range(total)]
    start = 0
    for code, number in counts.items():
        for offset in range(number):
            marks[(start + offset) % total].append(code)
        start = (start + number) % total
    return marks


def _durations(count: int, mean: int) -> list[int]:
    minutes = []
    for index in range(count // 2):
        spread = index % 6
        minutes += [mean + spread, mean - spread]
    return minutes + [mean] * (count % 2)


def calls_csv() -> bytes:
    rows = []
    for year, count in CALLS.items():
        minutes = _durations(count, MEAN_MINUTES[year])
        columns = {}
        marks = {}
        if year == 2022:
            columns = {"type_appelant": _column(CALLERS, count),
                       "genre": _column(GENDERS, count)[::-1],
                       "tranche_age": _column(AGES, count),
                       "region": _column(REGIONS, count)[::-1],
                       "premier_contact": _column(FIRST_CONTACT, count)}
            marks = {"produits": _marks(PRODUCTS | OTHER_PRODUCTS, count),
                     "suite": _marks(FOLLOW_UPS, count)}
        for index in range(count):
            day = f"{1 + index % 28:02d}/{1 + index % 12:02d}/{year}"
            row = {"date": day, "type": "appel", "duree_min": minutes[index],
                   "participants": ""}
            for name, values in columns.items():
                row[name] = values[index]
            for name, values in marks.items():
                row[name] = "|".join(values[index])
            rows.append(row)
    for action, (wallonia, brussels) in ACTIONS.items():
        for region, number in (("wallonie", wallonia), ("bruxelles", brussels)):
            for index in range(number):
                rows.append({"date": f"{1 + index % 28:02d}/{1 + index % 12:02d}/2022",
                             "type": action, "region": region, "participants": 20,
                             "duree_min": 120})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, delimiter=";", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
