"""The `tracker` command: users, demo data, backups."""

import sqlite3

from sqlalchemy import func

from tests.databases import is_postgresql
from tracker.audit.models import AuditEntry
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.cli import cli
from tracker.demo import DEMO_LOGINS
from tracker.funders.models import CadrePost, Instrument
from tracker.staffing.models import Absence, Allocation, Person


def run(app, *args, stdin=None):
    return app.test_cli_runner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_user_create_reads_the_password_from_stdin(app, db):
    result = run(app, "user", "create", "cli@test.example", "--role", "secretary",
                 "--name", "Cécile Ligne", "--password-stdin", stdin="un-long-mot-de-passe\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "cli@test.example"))
    assert user.role == Role.SECRETARY and user.full_name == "Cécile Ligne"
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.entity_id == str(user.id)))
    assert entry.actor == "ligne de commande"


def test_user_create_refuses_a_weak_password_with_a_french_message(app, db):
    result = run(app, "user", "create", "faible@test.example", "--role", "staff",
                 "--password-stdin", stdin="court\n")
    assert result.exit_code == 1
    assert "au moins 10 caractères" in result.output


def counts(db) -> dict:
    return {model.__name__: db.session.scalar(db.select(func.count()).select_from(model))
            for model in (User, Person, Allocation, Absence, Instrument, CadrePost)}


def test_demo_is_idempotent_and_prints_logins(demo_app, demo_db):
    first = run(demo_app, "demo")
    assert first.exit_code == 0, first.output
    before = counts(demo_db)
    second = run(demo_app, "demo")
    assert counts(demo_db) == before
    for email, password, _name, _role in DEMO_LOGINS:
        assert email in second.output and password in second.output
    roles = set(demo_db.session.scalars(demo_db.select(User.role)))
    assert roles == set(Role)


def test_demo_team_has_what_the_board_must_see(demo_app, demo_db):
    assert 12 <= counts(demo_db)["Person"] <= 16
    allocations = list(demo_db.session.scalars(demo_db.select(Allocation)))
    people_by_allocations = {}
    for allocation in allocations:
        people_by_allocations.setdefault(allocation.person_id, set()).add(allocation.funder_id)
    assert any(len(funders) > 1 for funders in people_by_allocations.values())  # split post
    assert any(allocation.detached_to_id for allocation in allocations)  # detachment
    assert any(allocation.end_reason for allocation in allocations)  # mid-year changes
    absence = demo_db.session.scalar(demo_db.select(Absence))
    assert (absence.end_date - absence.start_date).days > 90 and absence.replacement_id
    assert demo_db.session.scalar(demo_db.select(CadrePost).where(CadrePost.funded.is_(False)))
    instruments = demo_db.session.scalars(demo_db.select(Instrument))
    codes = {instrument.funder.code for instrument in instruments}
    assert {"COCOF", "AVIQ", "PSSP", "PCS", "MARIBEL", "ACS", "APE", "FWB"} <= codes


def test_demo_if_empty_leaves_a_real_database_alone(app, db):
    db.session.add(User(email="vraie@asbl.example", full_name="Vraie", password_hash="x",
                        role=Role.DIRECTOR))
    db.session.commit()
    result = run(app, "demo", "--if-empty")
    assert "non chargées" in result.output
    assert db.session.scalar(db.select(func.count(User.id))) == 1


def test_backup_writes_a_usable_copy(app, tmp_path):
    target = tmp_path / "sauvegarde.db"
    result = run(app, "backup", str(target))
    assert result.exit_code == 0, result.output
    if is_postgresql():
        assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    else:
        with sqlite3.connect(target) as copy:
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        copy.close()
        assert {"user", "audit_entry", "alembic_version"} <= tables


def test_demo_activities_reproduce_the_seed_tables(demo_app, demo_db):
    from tracker.activities.models import Activity, ActivityValue, DimensionValue

    call = demo_db.session.scalar(demo_db.select(DimensionValue.id).where(
        DimensionValue.dimension_code == "type", DimensionValue.code == "appel"))
    year = func.extract("year", Activity.date)
    per_year = dict(demo_db.session.execute(
        demo_db.select(year, func.count(Activity.id)).where(Activity.type_id == call).group_by(year)
    ).all())
    assert [per_year[y] for y in range(2016, 2026)] == [2539, 2038, 2521, 3001, 3064, 2960,
                                                         2309, 2679, 2346, 2164]
    mean_2025 = demo_db.session.scalar(demo_db.select(func.avg(Activity.duree_min)).where(
        Activity.type_id == call, year == 2025))
    assert float(mean_2025) == 21.0
    callers = dict(demo_db.session.execute(
        demo_db.select(DimensionValue.code, func.count())
        .join(ActivityValue, ActivityValue.value_id == DimensionValue.id)
        .join(Activity, Activity.id == ActivityValue.activity_id)
        .where(Activity.type_id == call, year == 2025,
               ActivityValue.dimension_code == "type_appelant")
        .group_by(DimensionValue.code)).all())
    assert callers == {"consommateur": 1038, "proche": 1017, "professionnel": 109}


def test_staffing_reads_dates_as_the_pages_do_and_says_what_makes_no_sense(app, db):
    typed = app.test_cli_runner().invoke(cli, ["staffing", "--at", "31/12/2014"])
    assert typed.exit_code == 0 and "au 31/12/2014" in typed.output
    both = app.test_cli_runner().invoke(cli, ["staffing", "--at", "2014-12-31",
                                              "--from", "2014-01-01", "--to", "2014-12-31"])
    assert both.exit_code == 1 and "pas les deux" in both.output


def test_the_board_pages_say_what_makes_no_sense_and_show_today(client, db, login_as):
    login_as(Role.BOARD)
    html = client.get("/personnel/effectifs?du=31/12/2014&au=01/01/2014").get_data(
        as_text=True)
    assert "La fin de la période précède son début. Effectifs à ce jour." in html


def test_the_installed_command_runs_outside_any_test_harness(tmp_path):
    """The newcomer's `tracker db upgrade` then `tracker user create` (and `make run`'s
    `tracker demo`): as a real process, where nothing pushes an application context for us."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tracker = Path(sys.executable).parent / "tracker"
    environment = dict(os.environ, TRACKER_INSTANCE_PATH=str(tmp_path),
                       DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    for arguments, stdin in ((["db", "upgrade"], ""),
                             (["user", "create", "neuf@test.example", "--role", "director",
                               "--password-stdin"], "un-long-mot-de-passe\n")):
        finished = subprocess.run([str(tracker), *arguments], input=stdin, text=True,
                                  capture_output=True, env=environment, timeout=120)
        assert finished.returncode == 0, finished.stderr
    assert "Utilisateur créé : neuf@test.example" in finished.stdout
