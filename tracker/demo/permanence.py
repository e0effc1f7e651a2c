"""The demo's phone permanence: the organisation in force since 2022 (16 slots, one line
each, 75 line-hours a week) and the planned one of the agrément's revision (evenings and
mornings doubled, quiet hours dropped: 90 line-hours); ten weeks of 2025 observed, whose
missed calls look like Infor-Drogues' 2021 sampling (Monday morning 3,7, Tuesday 3,
Wednesday 3,4; 2,33 per slot over a week)."""

import random
from datetime import date, time

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.permanence.models import PermanenceSchedule
from tracker.permanence.services import add_schedule, add_slot, record_week

DAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"]
# (name, start, end, lines) per weekday, Monday to Friday; Saturday apart
CURRENT = [("matin", 8, 12, 1), ("après-midi", 12, 17, 1), ("soir", 17, 22, 1)]
CURRENT_SATURDAY = ("matin", 10, 15, 1)
PLANNED = [("matin", 9, 13, 2), ("après-midi", 13, 17, 1), ("soir", 17, 20, 2)]
# Mean calls missed per slot over the ten weeks (a tenth of each is a whole number of calls)
MEANS = {("Lundi", "matin"): 3.7, ("Mardi", "matin"): 3.0, ("Mercredi", "matin"): 3.4,
         ("Samedi", "matin"): 2.0}
OTHER_MEAN = 2.1
OBSERVED = [date(2025, 1, 13), date(2025, 2, 10), date(2025, 3, 17), date(2025, 4, 7),
            date(2025, 5, 19), date(2025, 6, 16), date(2025, 9, 15), date(2025, 10, 6),
            date(2025, 11, 17), date(2025, 12, 8)]


def load_permanence() -> None:
    if db.session.scalar(select(func.count(PermanenceSchedule.id))):
        return
    current = add_schedule(label="Organisation actuelle", valid_from=date(2022, 1, 1),
                           planned=False)
    for day_number, day in enumerate(DAYS[:5], start=1):
        for name, start, end, lines in CURRENT:
            add_slot(current, weekday=day_number, start=time(start), end=time(end),
                     label=f"{day} {name}", lines=lines)
    name, start, end, lines = CURRENT_SATURDAY
    add_slot(current, weekday=6, start=time(start), end=time(end), label=f"Samedi {name}",
             lines=lines)
    planned = add_schedule(label="Nouvelle organisation (révision de l'agrément)",
                           valid_from=date(2027, 1, 1), planned=True)
    for day_number, day in enumerate(DAYS[:5], start=1):
        for name, start, end, lines in PLANNED:
            add_slot(planned, weekday=day_number, start=time(start), end=time(end),
                     label=f"{day} {name}", lines=lines)
    rng = random.Random(33)
    weekly: dict[int, list[int]] = {}
    for slot in current.slots:
        day, name = slot.label.split(" ", 1)
        total = round(10 * MEANS.get((day, name), OTHER_MEAN))
        cuts = sorted(rng.randint(0, total) for _ in range(9))
        weekly[slot.id] = [high - low for low, high in zip([0, *cuts], [*cuts, total],
                                                           strict=True)]
    for number, week_start in enumerate(OBSERVED):
        record_week(week_start, {slot_id: counts[number] for slot_id, counts in weekly.items()})
    db.session.flush()

