"""Operations an ASBL's IT volunteer relies on: backups kept 7 daily, 4 weekly and 12 monthly,
a backup restored into a scratch database to check it (SQLite or PostgreSQL), and `tracker
doctor` saying in French what is wrong."""

from datetime import datetime, timedelta

from tracker.backup import backup_into_folder, check_restore
from tracker.backup_rotation import backup_name, prune, to_keep
from tracker.cli import cli
from tracker.scheduler import SchedulerLock


def test_the_rotation_keeps_7_daily_4_weekly_and_12_monthly():
    now = datetime(2026, 11, 30, 2, 30)
    moments = [now - timedelta(days=days) for days in range(500)]  # a backup every night
    kept = to_keep(moments)
    days_kept = sorted({moment.date() for moment in kept}, reverse=True)
    assert days_kept[:7] == [(now - timedelta(days=days)).date() for days in range(7)]
    weeks = {moment.isocalendar()[:2] for moment in kept}
    assert len(weeks) >= 4
    months = {(moment.year, moment.month) for moment in kept}
    assert len(months) == 12 and (2025, 12) in months and (2025, 11) not in months
    assert len(kept) <= 7 + 4 + 12


def test_prune_removes_only_our_old_backups(tmp_path):
    now = datetime(2026, 11, 30, 2, 30)
    for days in range(60):
        (tmp_path / backup_name(now - timedelta(days=days), postgresql=False)).write_text("x")
    (tmp_path / "notes.txt").write_text("à garder")
    removed = prune(tmp_path)
    left = sorted(path.name for path in tmp_path.iterdir())
    assert "notes.txt" in left and len(left) - 1 == 60 - len(removed)
    assert backup_name(now, postgresql=False) in left
    assert backup_name(now - timedelta(days=59), postgresql=False) not in left


def test_a_backup_restores_into_a_scratch_database(app, tmp_path):
    with app.app_context():
        written, _removed = backup_into_folder(tmp_path)
        checked = check_restore(written)
    assert checked.tables > 40 and checked.revision is not None
    assert set(checked.rows) >= {"user", "activity"}
    result = app.test_cli_runner().invoke(cli, ["restore", "--check", str(written)])
    assert result.exit_code == 0 and "Sauvegarde lisible" in result.output
    broken = tmp_path / "abime.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    refused = app.test_cli_runner().invoke(cli, ["restore", "--check", str(broken)])
    assert refused.exit_code != 0
    assert "ne se relit pas" in refused.output or "endommagée" in refused.output


def test_the_doctor_passes_a_sound_installation_and_names_each_problem(app, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setitem(app.config, "SECRET_KEY", "k" * 64)
    monkeypatch.setitem(app.config, "BACKUP_DIR", str(tmp_path / "sauvegardes"))
    runner = app.test_cli_runner()
    broken = runner.invoke(cli, ["doctor"])
    assert broken.exit_code != 0
    assert "✘ Sauvegardes : aucune dans" in broken.output
    assert "✘ Planificateur : arrêté" in broken.output
    assert "✔ Base de données : joignable et à jour" in broken.output
    assert "2 problème(s) à corriger." in broken.output

    with app.app_context():
        backup_into_folder(tmp_path / "sauvegardes")
    lock = SchedulerLock(app)
    lock.acquire()  # the scheduler runs
    try:
        sound = runner.invoke(cli, ["doctor"])
    finally:
        lock.release()
    assert sound.exit_code == 0, sound.output
    assert "✔ Planificateur : en marche" in sound.output and "Tout est en ordre." in sound.output

    monkeypatch.setitem(app.config, "SECRET_KEY", "court")
    assert "✘ Clé secrète : trop courte" in runner.invoke(cli, ["doctor"]).output


def test_the_scheduler_s_nightly_backup_writes_into_the_backup_folder(app, tmp_path,
                                                                      monkeypatch):
    from tracker.backup_rotation import latest_backup
    from tracker.scheduler import nightly_backup

    monkeypatch.setitem(app.config, "BACKUP_DIR", str(tmp_path))
    nightly_backup(app)
    taken, path = latest_backup(tmp_path)
    assert datetime.now() - taken < timedelta(minutes=5) and path.stat().st_size > 0
