"""Users and sign-in rules, without HTTP."""

import pytest

from tests.factories import PASSWORD, make_user
from tracker.auth.models import LoginFailure
from tracker.auth.passwords import check_password_strength
from tracker.auth.roles import Role
from tracker.auth.services import (
    SignInRefused,
    authenticate,
    create_user,
    set_password,
    update_user,
)
from tracker.errors import ValidationError


def test_passwords_are_argon2_hashes(db):
    user = make_user(Role.STAFF)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_email_is_unique_whatever_the_case(db):
    make_user(Role.STAFF, email="meme@test.example")
    with pytest.raises(ValidationError) as error:
        create_user("MEME@test.example", "Autre", Role.STAFF, PASSWORD)
    assert error.value.field == "email"


def test_invalid_email_and_short_password_are_refused_in_french(db):
    with pytest.raises(ValidationError, match="pas valide"):
        create_user("pas-une-adresse", "X", Role.STAFF, PASSWORD)
    with pytest.raises(ValidationError, match="au moins 10 caractères"):
        create_user("ok@test.example", "X", Role.STAFF, "court")


def test_authenticate_records_failures_and_success_clears_them(app, db):
    user = make_user(Role.STAFF)
    with pytest.raises(SignInRefused):
        authenticate(user.email, "mauvais", "10.0.0.1")
    db.session.commit()
    assert db.session.query(LoginFailure).count() == 1
    assert authenticate(user.email, PASSWORD, "10.0.0.1").id == user.id
    assert db.session.query(LoginFailure).filter_by(email=user.email).count() == 0


def test_guesses_slow_an_account_down_but_never_lock_its_owner_out(app, db, monkeypatch,
                                                                   tmp_path):
    """Five wrong passwords locked the right one out for 15 minutes: a guesser could keep
    the owner out. Now each further attempt waits longer (capped), the right password
    still signs in, and the owner is told by e-mail at the tenth failure."""
    from tests.functional.test_reminders import outbox_of, read_outbox

    waits = []
    monkeypatch.setattr("tracker.auth.services.time.sleep", waits.append)
    user = make_user(Role.STAFF)
    with outbox_of(app, tmp_path):
        for _ in range(9):
            with pytest.raises(SignInRefused, match="incorrect"):
                authenticate(user.email, "mauvais", "10.0.0.2")
        assert read_outbox(tmp_path) == []
        with pytest.raises(SignInRefused, match="incorrect"):
            authenticate(user.email, "mauvais", "10.0.0.9")  # the tenth, from elsewhere
        alerts = read_outbox(tmp_path)
    assert [message["To"] for message in alerts] == [user.email]
    assert "10 tentatives" in alerts[0].get_content()
    assert waits[:3] == [0.5, 1.0, 1.5] and max(waits) <= 5.0  # from the sixth attempt
    assert authenticate(user.email, PASSWORD, "10.0.0.2").id == user.id  # never locked out
    assert waits[-1] == 3.0  # the right password waited too: 6 attempts past the fifth


def test_unknown_account_gets_the_same_message(app, db):
    with pytest.raises(SignInRefused, match="incorrect"):
        authenticate("personne@test.example", PASSWORD, "10.0.0.4")


def test_at_least_one_active_director_remains(db):
    director = make_user(Role.DIRECTOR)
    with pytest.raises(ValidationError, match="au moins une personne active"):
        update_user(director, full_name="D", role=Role.DIRECTOR, active=False)
    make_user(Role.DIRECTOR)
    update_user(director, full_name="D", role=Role.STAFF, active=True)
    assert director.role == Role.STAFF


def test_set_password_checks_strength(db):
    user = make_user(Role.STAFF)
    with pytest.raises(ValidationError):
        set_password(user, "123")


# French passwords the probe found accepted (the first four), and others built the same way:
# French words, places, first names, the association's own name, with digits and signs.
WEAK_FRENCH = ["motdepasse2024", "horizonclair1", "Bruxelles2024", "ASBLHorizon2025",
               "Bonjour123!", "Soleil2025!", "azerty12345", "Liege2023!!", "Namur2024??",
               "Chocolat123", "MaisonBleue1", "Printemps2024", "Fevrier2025!", "Papillon123",
               "Doudou20202", "Loulou12345", "Jetaime2024", "Camille1990!", "Bienvenue123",
               "Motdepasse!1", "Assuetudes2024", "Secretariat1", "Direction2025", "Amour123456",
               "Famille2023", "Vacances2024", "Football1010", "Wallonie2024", "Belgique2025",
               "Molenbeek2024"]


def test_thirty_weak_french_passwords_are_refused(demo_db):
    accepted = []
    for password in WEAK_FRENCH:
        try:
            check_password_strength(password, "secretariat@horizon-clair.example", "Secrétariat")
        except ValidationError:
            continue
        accepted.append(password)
    assert accepted == []
    for strong in ("lampe-riviere-07", "tortue-violon-mars-88", "navire-olive-23"):
        check_password_strength(strong, "x@y.example", "X")  # the demo's kind still passes
