"""The second outside probe's smaller findings, each reproduced (issue 27): partners never on
an activity about a person, strict numbers and dates in imports, expense references never
given again, files readable by the application's user only, receipts served with their type,
one charset on the CSV template, staff recording as themselves."""

import io
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.factories import make_person, make_user
from tests.functional.test_justification import instrument
from tests.helpers import post_form, signed_in_client
from tracker.activities.importer import import_activities
from tracker.activities.models import Activity
from tracker.auth.roles import Role
from tracker.documents.storage import store_document
from tracker.finance.expense_import import import_expenses
from tracker.finance.expenses import ShareInput, delete_expense, save_expense
from tracker.finance.importer import import_costs
from tracker.partnerships.models import Partner
from tracker.tabular import TableRefused

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("create", [False, True])
def test_a_call_never_carries_a_partner_even_with_create_partners(db, create):
    partners = _count(db, Partner)
    with pytest.raises(TableRefused) as refused:
        import_activities("date;type;partenaire\n01/02/2025;appel;Jean Dupont (bénéficiaire)\n"
                          .encode(), "appels.csv", create_partners=create)
    assert refused.value.errors[0].column == "partenaire"
    assert "concerne une personne" in refused.value.errors[0].message
    assert _count(db, Partner) == partners and _count(db, Activity) == 0


@pytest.mark.parametrize("amount", ["1e5", "1_000", "١٠٠", "NaN"])
def test_costs_are_read_in_belgian_forms_only(db, amount):
    with pytest.raises(TableRefused) as refused:
        import_costs(f"nom;mois;cout\nNina Lefèvre;01/2025;{amount}\n".encode(), "couts.csv")
    assert any("n'est pas un nombre" in error.message for error in refused.value.errors)


def test_an_expense_dated_in_the_year_9999_is_refused(db):
    with pytest.raises(TableRefused) as refused:
        import_expenses("date;fournisseur;description;categorie;montant;imputation\n"
                        "02/12/9999;Fournisseur;Matériel;materiel;100,00;\n".encode(),
                        "frais.csv")
    assert any("hors des années" in error.message for error in refused.value.errors)


def test_an_expense_reference_is_never_given_again(db):
    target = instrument()

    def bought():
        return save_expense(None, spent_on=date(2025, 3, 1), supplier="Fournisseur",
                            description="Matériel", category_code="materiel",
                            amount=Decimal("10"), shares=[ShareInput(target.id, Decimal(100))],
                            receipt=None)
    first = bought()
    second = bought()
    taken = second.reference
    delete_expense(second)
    db.session.flush()
    assert bought().reference not in (first.reference, taken)


def test_what_the_application_writes_is_readable_by_its_user_only(app, db):
    stored, _name = store_document(FileStorage(io.BytesIO(b"%PDF-1.4\n"), filename="a.pdf"))
    db.session.commit()
    path = Path(app.config["DOCUMENTS_DIR"]) / stored
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_a_scanned_receipt_is_served_as_an_image(app, db):
    expense = save_expense(None, spent_on=date(2025, 3, 1), supplier="Fournisseur",
                           description="Matériel", category_code="materiel",
                           amount=Decimal("10"), shares=[ShareInput(instrument().id,
                                                                    Decimal(100))],
                           receipt=FileStorage(io.BytesIO(PNG), filename="ticket.png"))
    db.session.commit()
    client = signed_in_client(app, make_user(Role.SECRETARY).email)
    response = client.get(f"/finances/frais/{expense.id}/justificatif")
    assert response.status_code == 200 and response.content_type == "image/png"


def test_the_csv_template_names_its_charset_once(app, db):
    client = signed_in_client(app, make_user(Role.SECRETARY).email)
    response = client.get("/activites/import/modele.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_staff_record_their_own_activities_only(app, db):
    staff = make_user(Role.STAFF)
    me, colleague = make_person("Moi Même"), make_person("Collègue Autre")
    me.user_id = staff.id
    db.session.commit()
    client = signed_in_client(app, staff.email)
    form = client.get("/activites/nouvelle?type=appel").get_data(as_text=True)
    assert "Collègue Autre" not in form
    response = post_form(client, "/activites/nouvelle?type=appel", {
        "type": "appel", "date": "01/02/2025", "duree_min": "10",
        "person_id": str(colleague.id)})
    assert response.status_code == 200 and _count(db, Activity) == 0
    post_form(client, "/activites/nouvelle?type=appel", {
        "type": "appel", "date": "01/02/2025", "duree_min": "10", "person_id": str(me.id)})
    assert db.session.scalar(select(Activity.person_id)) == me.id


