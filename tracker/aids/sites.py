"""Where an aid's posts work: an APE post in Wallonia, an ACS post in Brussels (a post works
at its site, or at the seat when it names none; nothing is said while no site is known)."""

from datetime import date

from tracker.aids.check import Check, post_of
from tracker.aids.posts import allocations_of
from tracker.association.models import REGIONS
from tracker.association.services import seat
from tracker.catalogue.services import function_labels

REGION_OF_AID = {"APE": "wallonie", "ACS": "bruxelles"}


def site_checks(aid: str, at: date) -> list[Check]:
    required, default, labels = REGION_OF_AID[aid], seat(), function_labels()
    checks = []
    for allocation in allocations_of(aid, at):
        site = allocation.site or default
        if site is None:
            continue
        post = post_of(allocation, labels)
        if site.region != required:
            checks.append(Check(
                aid, "site", "Lieu de travail", "en_infraction",
                f"{aid} : {post} travaille à « {site.name} » ({REGIONS[site.region]}) : un "
                f"poste {aid} s'exerce en {REGIONS[required]} (Personnel › affectation : "
                f"site de travail).", on=allocation.start_date))
    if not checks and default is not None and allocations_of(aid, at):
        checks.append(Check(aid, "site", "Lieu de travail", "ok",
                            f"{aid} : chaque poste travaille en {REGIONS[required]}."))
    return checks
