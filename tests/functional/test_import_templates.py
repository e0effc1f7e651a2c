"""Each import page offers a file to fill in, CSV and XLSX, that imports as it is."""

import io

import pytest

from tests.helpers import post_upload
from tracker.auth.roles import Role


@pytest.mark.parametrize("page, template", [
    ("/activites/import", "/activites/import/modele"),
    ("/personnel/import", "/personnel/import/modele"),
])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_template_is_offered_and_imports_as_it_is(client, db, login_as, page, template,
                                                      extension):
    login_as(Role.SECRETARY)
    assert f'href="{template}.{extension}"' in client.get(page).get_data(as_text=True)
    response = client.get(f"{template}.{extension}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f'.{extension}"')
    checked = post_upload(client, page, {"file": (io.BytesIO(response.data), f"modele.{extension}"),
                                       "dry_run": "y"})
    html = checked.get_data(as_text=True)
    assert "Fichier refusé" not in html, html[html.find("Fichier refusé"):][:800]
    assert "Fichier valide" in html or "Vérification réussie" in html


def test_an_unknown_template_format_is_404(client, db, login_as):
    login_as(Role.DIRECTOR)
    assert client.get("/activites/import/modele.pdf").status_code == 404
