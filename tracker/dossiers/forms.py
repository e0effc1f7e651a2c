"""The dossier pages' forms: the code typed, the values recorded from a day, an episode
closed, a dossier file uploaded."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.dossiers.models import END_REASONS, EVENT_KINDS
from tracker.forms import Form, FrenchDateField, choices, optional_int


class DossierCodeForm(Form):
    code = StringField("Code du dossier", validators=[
        DataRequired("Tapez le code du dossier."), Length(max=60)],
        render_kw={"autocomplete": "off"})


class DossierValuesForm(Form):
    """The date from which the values hold; the values themselves are one select per
    dimension the dossier holds (`dimension-<code>`), read by the view."""

    valid_from = FrenchDateField("Valables à partir du", validators=[
        DataRequired("Indiquez la date à partir de laquelle ces valeurs valent.")])


class EpisodeEndForm(Form):
    closed_on = FrenchDateField("Clôturée le", validators=[
        DataRequired("Indiquez la date de clôture.")])
    reason = SelectField("Motif", choices=choices(END_REASONS.items()))


class DossierEventForm(Form):
    day = FrenchDateField("Le", validators=[DataRequired("Indiquez la date.")])
    kind = SelectField("Événement", choices=choices(EVENT_KINDS.items()))
    destination_id = SelectField("Vers (orientation externe)", coerce=optional_int,
                                 validators=[Optional()])  # choices set by the view
    function_code = SelectField("Vers (orientation interne)", validators=[Optional()])


class DossierImportForm(Form):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")
