"""The justification of an instrument-year: every reader sees its figures (the board by
function, never by person); the office marks lines, introduces the décompte (closing the
year), reopens it, and downloads the décompte (XLSX, PDF, JSON, or a ZIP with every
receipt)."""

from datetime import date

from flask import render_template, request, url_for
from flask_login import current_user

from tracker.auth.roles import OFFICE, READERS, role_required
from tracker.documents import download
from tracker.finance import bp
from tracker.finance.decompte import DECOMPTE, filename_of
from tracker.finance.forms import ClosureForm, MarkForm
from tracker.finance.justification import (
    close_year,
    instrument_years,
    justification_of,
    mark_lines,
    reopen_year,
)
from tracker.finance.models import JUSTIFICATION_STATUSES
from tracker.funders.models import Instrument
from tracker.funders.services import list_instruments
from tracker.params import YEAR, bounded_int, format_in_url, query_arg
from tracker.web import get_or_404, run_action, submit_inline


@bp.get("/justification")
@role_required(*READERS)
def justification_index():
    """Pick an instrument (and a year): its justification."""
    instruments = list_instruments()
    instrument_id = request.args.get("instrument", type=bounded_int)
    instrument = next((item for item in instruments if item.id == instrument_id), None)
    if instrument is None:
        return render_template("finance/justification_index.html", instruments=instruments)
    years = instrument_years(instrument, date.today())
    year = query_arg("annee", YEAR)
    return justification(instrument.id, year if year in years else years[0])


@bp.get("/justification/<int:instrument_id>/<year:year>")
@role_required(*READERS)
def justification(instrument_id: int, year: int):
    instrument = get_or_404(Instrument, instrument_id)
    office = current_user.role in OFFICE
    closure_form = ClosureForm()
    closure_form.introduced_on.data = date.today()
    return render_template(
        "finance/justification.html", report=justification_of(instrument, year),
        office=office, mark_form=MarkForm(), closure_form=closure_form,
        instruments=list_instruments(), years=instrument_years(instrument, date.today()),
        # built once: a year's hundreds of lines each link to their expense and receipt
        expense_url=url_for("finance.expense_edit", expense_id=0).removesuffix("0"))


def _ids(name: str) -> list[int]:
    return [int(value) for value in request.form.getlist(name)
            if value.isdigit() and len(value) < 10]


@bp.post("/justification/<int:instrument_id>/<year:year>/statut")
@role_required(*OFFICE)
def justification_mark(instrument_id: int, year: int):
    instrument = get_or_404(Instrument, instrument_id)
    form = MarkForm()
    return submit_inline(
        form, lambda: mark_lines(instrument, year, cost_ids=_ids("cout"),
                                 share_ids=_ids("frais"), status=form.status.data,
                                 reason=form.reason.data),
        success=lambda count: f"{count} ligne(s) marquée(s) « "
                              f"{JUSTIFICATION_STATUSES[form.status.data]} ».",
        refused="Rien n'a été marqué",
        then=url_for("finance.justification", instrument_id=instrument.id, year=year))


@bp.post("/justification/<int:instrument_id>/<year:year>/introduire")
@role_required(*OFFICE)
def justification_close(instrument_id: int, year: int):
    instrument = get_or_404(Instrument, instrument_id)
    form = ClosureForm()
    return submit_inline(
        form, lambda: close_year(instrument, year, form.introduced_on.data),
        success=f"Décompte {instrument.title} {instrument.year_label(year)} introduit : "
                "l'exercice est clôturé.",
        refused="Décompte non introduit",
        then=url_for("finance.justification", instrument_id=instrument.id, year=year))


@bp.post("/justification/<int:instrument_id>/<year:year>/rouvrir")
@role_required(*OFFICE)
def justification_reopen(instrument_id: int, year: int):
    instrument = get_or_404(Instrument, instrument_id)
    return run_action(
        lambda: reopen_year(instrument, year),
        success=f"Décompte {instrument.title} {instrument.year_label(year)} rouvert.",
        then=url_for("finance.justification", instrument_id=instrument.id, year=year))


@bp.get("/justification/<int:instrument_id>/<year:year>/"
        f"decompte.{format_in_url(DECOMPTE.formats)}")
@role_required(*OFFICE)
def decompte(instrument_id: int, year: int, extension: str):
    """The décompte names people and their costs: the office's only."""
    report = justification_of(get_or_404(Instrument, instrument_id), year)
    return download(DECOMPTE.render(report, extension), filename_of(report, extension))
