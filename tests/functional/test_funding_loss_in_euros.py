"""« Si un financement s'arrête » in euros: the posts a funder pays, what they cost a month
(twelve months of costs, bonuses spread), per post for the office only."""

import io
from datetime import date

from openpyxl import load_workbook

from tests.factories import make_allocation, make_person
from tests.functional.test_justification import signed_in
from tracker.auth.roles import Role
from tracker.finance.importer import import_costs


def numbers(response) -> list:
    workbook = load_workbook(io.BytesIO(response.data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
            for cell in row if isinstance(cell, int | float)]


def test_stopping_a_funder_costs_the_average_month_of_its_posts(app, db):
    nina, omar = make_person("Nina Lefèvre"), make_person("Omar Dubois")
    make_allocation(nina, 1, "ACS", date(2024, 1, 1))
    make_allocation(omar, 0.5, "ACS", date(2024, 1, 1), function_code="educateur")
    make_allocation(omar, 0.5, "COCOF", date(2024, 1, 1), function_code="educateur")
    lines = ["nom;mois;cout;type"]
    lines += [f"Nina Lefèvre;{month:02d}/2025;3000,00;salaire" for month in range(1, 13)]
    lines += ["Nina Lefèvre;12/2025;2850,00;prime_fin_annee"]
    lines += [f"Omar Dubois;{month:02d}/2025;2000,00;salaire" for month in range(1, 13)]
    import_costs("\n".join(lines).encode(), "2025.csv")
    db.session.commit()
    try:
        url = "/personnel/scenario?financeur=ACS&date=01/01/2026"
        office = signed_in(app, Role.DIRECTOR).get(url).get_data(as_text=True)
        # Nina: (12 × 3.000 + 2.850) / 12 = 3.237,50; Omar: half of 2.000 = 1.000,00
        assert "4\u202f237,50\u00a0€ par mois" in office
        assert "3\u202f237,50\u00a0€" in office and "1\u202f000,00\u00a0€" in office
        board = signed_in(app, Role.BOARD).get(url).get_data(as_text=True)
        assert "4\u202f237,50\u00a0€ par mois" in board
        # per function: one psychologist, one educator: each amount is one person's pay,
        # and together they are two persons, so the board reads the total alone
        assert "3\u202f237,50" not in board and "1\u202f000,00" not in board
        assert "Coût mensuel" in office.split("<table")[1]
        assert "Coût mensuel" not in board.split("<table")[1]  # no per-post column
        assert 3237.5 in numbers(signed_in(app, Role.SECRETARY).get(url + "&format=xlsx"))
        assert 3237.5 not in numbers(signed_in(app, Role.BOARD).get(url + "&format=xlsx"))
    finally:
        db.session.rollback()
