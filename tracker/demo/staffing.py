"""Demo funding instruments and a fictitious team of 15 (every name invented)."""

from datetime import date
from decimal import Decimal

from tracker.association.services import add_site, list_sites
from tracker.auth.services import find_user_by_email
from tracker.demo.foundation import DEMO_LOGINS
from tracker.extensions import db
from tracker.funders.models import Instrument
from tracker.funders.services import (
    add_cadre_post,
    get_funder_by_code,
    save_amount,
    save_instrument,
)
from tracker.staffing.services import (
    find_or_create_partner,
    find_person_by_name,
    link_account,
    save_absence,
    save_allocation,
    save_person,
)

D = date.fromisoformat

# key: (funder, kind, title, start, end, status, legal reference, missions)
INSTRUMENTS = {
    "cocof": ("COCOF", "agrement", "Agrément service ambulatoire assuétudes", D("2012-01-01"),
              None, "en_cours", "Décret ambulatoire du 5 mars 2009",
              "Accueil, information et premières demandes\nConsultations psychosociales\n"
              "Travail en réseau"),
    "aviq": ("AVIQ", "agrement", "Agrément promotion de la santé 2023-2028", D("2023-01-01"),
             D("2028-12-31"), "en_cours", "Décret promotion de la santé (Wallonie)",
             "Sensibilisation et prévention des assuétudes\nAccompagnement des acteurs relais"),
    "pssp": ("PSSP", "convention", "Convention PSSP Ville 2024-2027", D("2024-01-01"),
             D("2027-12-31"), "en_cours", "", "Prévention de proximité et réduction des risques"),
    "pcs1": ("PCS", "convention", "Plan de cohésion sociale 2020-2025", D("2020-01-01"),
             D("2025-12-31"), "termine", "", "Permanences médicales à bas seuil"),
    "pcs2": ("PCS", "convention", "Plan de cohésion sociale 2026-2031", D("2026-01-01"),
             D("2031-12-31"), "en_cours", "", "Permanences médicales à bas seuil"),
    "maribel": ("MARIBEL", "aide_emploi", "Poste Maribel social", D("2018-01-01"), None,
                "en_cours", "", ""),
    "acs": ("ACS", "aide_emploi", "Postes ACS", D("2015-01-01"), None, "en_cours", "", ""),
    "ape": ("APE", "aide_emploi", "Subvention APE (emploi pérennisé)", D("2022-01-01"), None,
            "en_cours", "Décret du 10 juin 2021 (réforme APE, Wallonie)", ""),
    "fwb": ("FWB", "appel_a_projets", "Appel à projets « Jeunes et écrans » 2025-2026",
            D("2025-09-01"), D("2026-08-31"), "accorde", "",
            "Ateliers de prévention en milieu scolaire"),
}

CADRE = [  # instrument, function, FTE, from, funded, note
    ("cocof", "direction", "0.5", "2012-01-01", True, ""),
    ("cocof", "psychologue", "1.5", "2012-01-01", True, ""),
    ("cocof", "assistant_social", "1", "2012-01-01", True, ""),
    ("cocof", "direction", "0.5", "2024-01-01", True, "révision du cadre"),
    ("cocof", "psychologue", "2", "2024-01-01", True, "révision du cadre"),
    ("cocof", "assistant_social", "1", "2024-01-01", True, "révision du cadre"),
    ("cocof", "psychologue", "1", "2024-01-01", False, "demandé en 2023, 2024 et 2025"),
    ("aviq", "charge_de_projet", "1.5", "2023-01-01", True, ""),
    ("aviq", "communication", "0.5", "2023-01-01", True, ""),
]

SCHOOL_YEARS = {"fwb"}  # its year runs from September to August: 2025 is « 2025-2026 »
AMOUNTS = [  # instrument, year, requested, granted, received
    ("cocof", 2024, "265000", "248500", "248500"),
    ("cocof", 2025, "281000", "252300", "252300"),
    ("cocof", 2026, "290000", "256100", "192075"),
    ("aviq", 2025, "118000", "112400", "112400"),
    ("aviq", 2026, "121000", "114600", "85950"),
    ("fwb", 2025, "62000", "62000", "37200"),
    ("pssp", 2025, "92000", "88000", "88000"),  # less than the posts cost: a deficit
    ("pssp", 2026, "96000", "94000", "70500"),
]

# name, training, [(function, FTE, funder, instrument, start, end, end reason, detached to)];
# contracts on a time-limited convention end with it (the invariants refuse otherwise).
TEAM = [
    ("Colette Vandermeulen", "Licence en psychologie", [
        ("direction", "0.5", "COCOF", "cocof", "2024-01-01", None, "", ""),
        ("psychologue", "0.5", "FONDS_PROPRES", None, "2024-01-01", None, "", "")]),
    ("Thibaut Lerouge", "Bachelier en secrétariat", [
        ("secretaire", "1", "APE", "ape", "2024-01-01", None, "", "")]),
    ("Samir Benhaddou", "Master en psychologie clinique", [
        ("psychologue", "1", "COCOF", "cocof", "2024-01-01", None, "", "")]),
    ("Inès Dumortier", "Master en psychologie", [
        ("psychologue", "0.5", "COCOF", "cocof", "2024-01-01", None, "", ""),
        ("psychologue", "0.5", "PSSP", "pssp", "2024-01-01", "2027-12-31", "", "")]),
    ("Raphaël Gosselin", "Bachelier assistant social", [
        ("assistant_social", "1", "COCOF", "cocof", "2024-01-01", "2025-08-31",
         "réduction du temps de travail", ""),
        ("assistant_social", "0.8", "COCOF", "cocof", "2025-09-01", None, "", "")]),
    ("Léa Verhaegen", "Bachelier assistant social", [
        ("assistant_social", "0.5", "MARIBEL", "maribel", "2024-01-01", None, "", "")]),
    ("Maxime Delcourt", "Bachelier éducateur spécialisé", [
        ("educateur", "1", "PSSP", "pssp", "2024-01-01", "2026-03-15", "démission", "")]),
    ("Nora Kabongo", "Bachelier éducateur spécialisé", [
        ("educateur", "1", "PSSP", "pssp", "2026-04-01", "2027-12-31", "", "")]),
    ("Julie Peeters", "Master en santé publique", [
        ("charge_de_projet", "1", "AVIQ", "aviq", "2024-01-01", "2028-12-31", "", "")]),
    ("Antoine Masson", "Master en sciences de l'éducation", [
        ("charge_de_projet", "0.5", "FWB", "fwb", "2025-09-01", "2026-08-31",
         "fin de l'appel à projets", ""),
        ("charge_de_projet", "0.5", "AVIQ", "aviq", "2026-02-01", "2026-07-31",
         "fin du remplacement", "")]),
    ("Sophie Lambotte", "Bachelier en communication", [
        ("communication", "0.5", "AVIQ", "aviq", "2024-01-01", "2028-12-31", "", "")]),
    ("Marc Wuyts", "Docteur en médecine", [
        ("medecin", "0.2", "PCS", "pcs1", "2024-01-01", "2025-12-31", "fin de la convention", ""),
        ("medecin", "0.2", "PCS", "pcs2", "2026-01-01", "2031-12-31", "", "")]),
    ("Aline Ferrant", "Docteur en médecine", [
        ("medecin", "0.2", "PCS", "pcs2", "2026-01-01", "2031-12-31", "", "")]),
    ("Yasmina El Amrani", "Master en psychologie", [
        ("psychologue", "0.5", "COCOF", "cocof", "2024-01-01", None, "", ""),
        ("psychologue", "0.5", "ACS", "acs", "2024-01-01", None, "",
         "Asbl Passerelle Nord")]),
    ("Hugo Lemaire", "Bachelier éducateur spécialisé", [
        ("educateur", "1", "ACS", "acs", "2024-01-01", "2026-07-31", "fin de contrat", "")]),
]
# the seat in Brussels (the ACS posts), a branch in Wallonia (the APE, AViQ and PCS posts)
SITES = [("Siège de Molenbeek", "bruxelles", "Rue des Alouettes 12, 1080 Molenbeek-Saint-Jean",
          True),
         ("Antenne de Namur", "wallonie", "Rue de Fer 40, 5000 Namur", False)]
BRANCH_FUNDERS = {"APE", "AVIQ", "PCS"}
# a detached ACS post has Actiris's agreement: its date and (invented) reference
AGREEMENTS = {"Yasmina El Amrani": ("2023-12-14", "Actiris ACS-DET/2023/0415")}

ABSENCES = [  # person, kind, start, end, FTE, replacement
    ("Julie Peeters", "maladie", "2026-02-01", "2026-07-31", "1", "Antoine Masson"),
]


def _instruments() -> dict[str, Instrument]:
    found = {}
    for key, (code, kind, title, start, end, status, reference, missions) in INSTRUMENTS.items():
        instrument = db.session.scalar(db.select(Instrument).where(Instrument.title == title))
        if instrument is None:
            instrument = save_instrument(
                None, funder_id=get_funder_by_code(code).id, kind=kind, title=title,
                start_date=start, end_date=end, status=status, legal_reference=reference,
                missions=missions, year_start_month=9 if key in SCHOOL_YEARS else 1)
            for cadre_key, function, fte, valid_from, funded, note in CADRE:
                if cadre_key == key:
                    add_cadre_post(instrument, function_code=function, fte=Decimal(fte),
                                   valid_from=D(valid_from), funded=funded, note=note)
            for amount_key, year, requested, granted, received in AMOUNTS:
                if amount_key == key:
                    save_amount(instrument, year, Decimal(requested), Decimal(granted),
                                Decimal(received))
        found[key] = instrument
    return found


def load_funding_and_team() -> None:
    instruments = _instruments()
    sites = {site.name: site for site in list_sites()}
    for name, region, address, is_seat in SITES:
        if name not in sites:
            sites[name] = add_site(name=name, region=region, address=address, is_seat=is_seat)
    for name, training, allocations in TEAM:
        if find_person_by_name(name) is not None:
            continue
        person = save_person(None, full_name=name, training=training)
        for function, fte, code, key, start, end, reason, detached in allocations:
            save_allocation(
                None, person=person, function_code=function, fte=Decimal(fte),
                funder_id=get_funder_by_code(code).id,
                instrument_id=instruments[key].id if key else None, start_date=D(start),
                end_date=D(end) if end else None, end_reason=reason,
                detached_to_id=find_or_create_partner(detached).id if detached else None,
                detachment_agreed_on=D(AGREEMENTS[name][0]) if detached else None,
                detachment_reference=AGREEMENTS[name][1] if detached else "",
                site_id=sites["Antenne de Namur"].id if code in BRANCH_FUNDERS else None)
    for name, kind, start, end, fte, replacement in ABSENCES:
        person = find_person_by_name(name)
        if not person.absences:
            save_absence(None, person=person, kind=kind, start_date=D(start), end_date=D(end),
                         fte=Decimal(fte), replacement_id=find_person_by_name(replacement).id)
    _link_demo_accounts()


def _link_demo_accounts() -> None:
    """The demo's director, secretary and staff member log their work under their own name."""
    for email, _password, full_name, _role in DEMO_LOGINS:
        person, user = find_person_by_name(full_name), find_user_by_email(email)
        if person is not None and user is not None and person.user_id is None:
            link_account(person, user.id)
