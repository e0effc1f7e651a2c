"""Users and sign-in rules, without HTTP."""

import pytest

from tests.factories import PASSWORD, make_user
from tracker.auth.models import LoginFailure
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


def test_throttling_is_per_account_and_address(app, db):
    user = make_user(Role.STAFF)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            authenticate(user.email, "mauvais", "10.0.0.2")
    with pytest.raises(SignInRefused, match="Trop de tentatives"):
        authenticate(user.email, PASSWORD, "10.0.0.2")
    # The same account from another address is not locked by someone else's guesses.
    assert authenticate(user.email, PASSWORD, "10.0.0.3").id == user.id


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
