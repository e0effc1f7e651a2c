"""The demo association and one user per role (invented names, reserved .example domain)."""

from tracker.association.services import get_association, save_association
from tracker.auth.roles import Role
from tracker.auth.services import create_user, find_user_by_email

DEMO_ASSOCIATION = {
    "name": "Horizon Clair",
    "legal_form": "ASBL",
    "enterprise_number": "0999.123.456",
    "street": "Rue des Alouettes 12",
    "postcode": "1080",
    "city": "Molenbeek-Saint-Jean",
    "phone": "02 555 01 23",
    "email": "info@horizon-clair.example",
    "website": "https://horizon-clair.example",
}

# (e-mail, password, full name, role): printed by `make run`, for demos only.
DEMO_LOGINS = [
    ("direction@horizon-clair.example", "colline-ardoise-42", "Colette Vandermeulen",
     Role.DIRECTOR),
    ("secretariat@horizon-clair.example", "lampe-riviere-07", "Thibaut Lerouge", Role.SECRETARY),
    ("ca@horizon-clair.example", "sapin-boussole-19", "Gaëlle Hoornaert", Role.BOARD),
    ("equipe@horizon-clair.example", "navire-olive-23", "Samir Benhaddou", Role.STAFF),
]


def load_association_and_users() -> None:
    if get_association() is None:
        save_association(**DEMO_ASSOCIATION)
    for email, password, full_name, role in DEMO_LOGINS:
        if find_user_by_email(email) is None:
            create_user(email, full_name, role, password)
