"""Bulk writes (COPY on PostgreSQL): ids reserved from the table's own sequence, Python-side
defaults filled, awkward text kept byte for byte, the next ordinary insert not colliding."""

from datetime import date

from tracker.activities.importer import write_activities
from tracker.activities.models import Activity, ActivityValue
from tracker.activities.services import ActivityInput, save_activity
from tracker.activities.vocabulary import Vocabulary


def test_written_rows_carry_their_values_defaults_and_text(db):
    vocabulary = Vocabulary.load()
    call = vocabulary.find("type", "appel").id
    wallonia = vocabulary.find("region", "wallonie").id
    awkward = "tab\there \\ back\nslash « é » ; \"quote\" \x7f"
    rows = [{"date": date(2024, 2, day), "type_id": call, "duree_min": day, "service": "",
             "purpose": awkward} for day in (1, 2, 3)]
    write_activities(rows, [[(wallonia, "region")]] * 3)
    db.session.commit()
    written = list(db.session.scalars(db.select(Activity).where(Activity.purpose == awkward)
                                      .order_by(Activity.id)))
    assert [activity.duree_min for activity in written] == [1, 2, 3]
    assert all(activity.created_at is not None and activity.presence == "venu"
               for activity in written)
    assert db.session.scalar(db.select(db.func.count()).select_from(ActivityValue).where(
        ActivityValue.activity_id.in_([activity.id for activity in written]),
        ActivityValue.value_id == wallonia)) == 3

    later = save_activity(None, ActivityInput(date=date(2024, 2, 4), type_code="appel",
                                              duree_min=4))
    db.session.commit()
    assert later.id > max(activity.id for activity in written)
