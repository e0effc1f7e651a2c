"""The director's texts of the annual report, one box per narrative section."""

from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from tracker.annual_report.services import MAX_TEXT
from tracker.forms import Form


class TextsForm(Form):
    introduction = TextAreaField("Le mot de la direction", render_kw={"rows": 8},
                                 validators=[Optional(), Length(max=MAX_TEXT)])
    faits_marquants = TextAreaField("Faits marquants de l'année", render_kw={"rows": 8},
                                    validators=[Optional(), Length(max=MAX_TEXT)])
    perspectives = TextAreaField("Perspectives", render_kw={"rows": 6},
                                 validators=[Optional(), Length(max=MAX_TEXT)])


class ProduceForm(Form):
    """The button: CSRF only."""
