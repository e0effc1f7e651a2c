"""An employment aid's parameter value, valid from a date until the next one."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Numeric, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from tracker.aids.catalogue import AID_NAMES, AIDS, PARAMETERS, parameter_labels
from tracker.db import Audited
from tracker.extensions import db


class AidParameter(Audited, db.Model):
    """« ACS, délai pour repourvoir un poste : 6 mois, à partir du 01/01/2000 (source …) »."""

    __tablename__ = "aid_parameter"
    __audit_label__ = "Paramètre d'aide à l'emploi"
    __table_args__ = (UniqueConstraint("aid", "code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    aid: Mapped[str] = mapped_column(String(20), info={"label": "Aide", "choices": AIDS})
    code: Mapped[str] = mapped_column(String(40), info={"label": "Paramètre",
                                                        "choices": parameter_labels})
    value: Mapped[Decimal] = mapped_column(Numeric(14, 3), info={"label": "Valeur"})
    valid_from: Mapped[dt.date] = mapped_column(info={"label": "À partir du"})
    source: Mapped[str] = mapped_column(String(300), default="", info={"label": "Source"})
    to_verify: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                            info={"label": "À vérifier"})
    # a Maribel value is its fund's (the fund the association belonged to when it was typed)
    fund: Mapped[str] = mapped_column(String(20), default="", server_default="",
                                      info={"label": "Fonds"})

    def __str__(self) -> str:
        label = PARAMETERS.get(self.aid, {}).get(self.code)
        return f"{AID_NAMES.get(self.aid, self.aid)} – {label.label if label else self.code} " \
               f"({self.valid_from:%d/%m/%Y})"
