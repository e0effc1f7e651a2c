"""Factories: the services themselves, with defaults, so tests build what the app builds."""

import itertools

from tracker.auth.roles import Role
from tracker.auth.services import create_user
from tracker.extensions import db

PASSWORD = "motdepasse-de-test"
_counter = itertools.count(1)


def make_user(role: Role = Role.STAFF, email: str | None = None, password: str = PASSWORD,
              full_name: str | None = None):
    number = next(_counter)
    user = create_user(
        email or f"{role.value}{number}@test.example",
        full_name or f"Personne {role.label} {number}",
        role,
        password,
    )
    db.session.commit()
    return user
