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


def funder(code: str):
    from tracker.funders.services import get_funder_by_code

    return get_funder_by_code(code)


def make_person(name: str = "Personne Test", training: str = "", user=None):
    """A member of staff; with `user`, its sign-in account linked to it."""
    from tracker.staffing.services import link_account, save_person

    person = save_person(None, full_name=name, training=training)
    if user is not None:
        link_account(person, user.id)
    return person


def make_allocation(person, fte, funder_code, start, end=None, function_code="psychologue",
                    **extra):
    from decimal import Decimal

    from tracker.staffing.services import save_allocation

    return save_allocation(None, person=person, function_code=function_code,
                           fte=Decimal(str(fte)), funder_id=funder(funder_code).id,
                           start_date=start, end_date=end, **extra)
