"""The demo's last year sent to its funders: the AViQ, PSSP and SPW questionnaires finalised
and archived (every file rendered from the demo's invented log, the SPW's also in the
board's version: it counts persons), so that the annual report has its annexes. The COCOF
questionnaires are still to finalise: the secretary's work of the moment."""

from datetime import date

from tracker.questionnaires.archives import finalise
from tracker.questionnaires.registry import get_definition
from tracker.questionnaires.services import get_response

FINALISED = ("aviq-promotion-sante", "pssp", "spw-assuetudes")


def finalise_last_year() -> None:
    year = date.today().year - 1
    for definition_id in FINALISED:
        definition = get_definition(definition_id)
        response = get_response(definition, year)
        if response is None or response.status != "final":
            finalise(definition, year)
