"""ACS rules: a vacant post filled again within the delay in force, and a post detached to
another organisation only with Actiris's agreement (an APE post likewise, the Forem's)."""

from datetime import date, timedelta

from tracker.aids.catalogue import OF_BODY
from tracker.aids.check import Check, post_of
from tracker.aids.parameters import ParameterBook
from tracker.aids.posts import allocations_of
from tracker.catalogue.services import function_labels
from tracker.formatting import format_date
from tracker.periods import add_months
from tracker.staffing.vacancies import replacement_for


def acs_checks(at: date, book: ParameterBook) -> list[Check]:
    """A post that becomes vacant must be filled again, by an ACS allocation of at least the
    same FTE, within the delay in force on the day it became vacant."""
    allocations = allocations_of("ACS")
    if not allocations:
        return []
    labels, used_replacements, checks = function_labels(), set(), []
    for ended in sorted((item for item in allocations if item.end_date is not None),
                        key=lambda item: (item.end_date, item.id)):
        delay = book.at("ACS", "refill_months", ended.end_date)
        used = dict([book.used("ACS", "refill_months", ended.end_date)])
        if delay is None:
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "a_surveiller", f"ACS : {post_of(ended, labels)} se termine le "
                                f"{format_date(ended.end_date)} ; le délai pour le repourvoir "
                                "n'est pas renseigné (Aides à l'emploi › paramètres).", used))
            continue
        due = add_months(ended.end_date, int(delay.value))
        if due < at - timedelta(days=365) or ended.end_date > at + timedelta(days=365):
            continue  # long settled, or too far ahead to matter yet
        replacement = replacement_for(ended, due, allocations, used_replacements)
        post = post_of(ended, labels)
        if replacement is not None:
            used_replacements.add(replacement.id)
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir", "ok",
                                f"ACS : {post}, vacant depuis le {format_date(ended.end_date)}, "
                                f"a été repourvu le {format_date(replacement.start_date)} "
                                f"({replacement.person.full_name}).", used, due))
        elif due < at:
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "en_infraction", f"ACS : {post} est vacant depuis le "
                                f"{format_date(ended.end_date)} ; il devait être repourvu avant "
                                f"le {format_date(due)} : la prime du poste est perdue.",
                                used, due))
        else:
            since = "est vacant depuis le" if ended.end_date < at else "sera vacant le"
            checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir",
                                "a_surveiller", f"ACS : {post} {since} "
                                f"{format_date(ended.end_date)} ; il doit être repourvu avant "
                                f"le {format_date(due)}, sinon la prime est perdue.", used, due))
    if not checks:
        checks.append(Check("ACS", "acs_refill", "Poste vacant à repourvoir", "ok",
                            "ACS : aucun poste vacant.",
                            dict([book.used("ACS", "refill_months", at)])))
    return checks


def detachment_checks(aid: str, at: date) -> list[Check]:
    """Each post of the aid detached on the day (or later) needs the body's agreement."""
    labels, checks = function_labels(), []
    for allocation in allocations_of(aid):
        if allocation.detached_to is None or (allocation.end_date
                                              and allocation.end_date < at):
            continue
        post = post_of(allocation, labels)
        partner = allocation.detached_to.name
        if allocation.detachment_agreed_on is None:
            checks.append(Check(
                aid, "detachment", "Détachement", "en_infraction",
                f"{aid} : {post} est détaché chez {partner} depuis le "
                f"{format_date(allocation.start_date)} sans accord {OF_BODY[aid]} "
                "enregistré (Personnel › affectation : date et référence de l'accord).",
                on=allocation.start_date))
        else:
            reference = f", réf. {allocation.detachment_reference}" \
                if allocation.detachment_reference else ""
            checks.append(Check(
                aid, "detachment", "Détachement", "ok",
                f"{aid} : {post} est détaché chez {partner} avec l'accord "
                f"{OF_BODY[aid]} du {format_date(allocation.detachment_agreed_on)}"
                f"{reference}."))
    return checks
