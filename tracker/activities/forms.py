"""Forms: the activity's core fields (dimensions are read from the request), vocabularies,
and the import upload."""

from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tracker.auth.forms import REQUIRED
from tracker.staffing.forms import optional_int


class ActivityForm(FlaskForm):
    date = DateField("Date", default=date.today, validators=[DataRequired("Date invalide.")])
    duree_min = IntegerField("Durée (minutes)", validators=[
        Optional(), NumberRange(0, 1440, "De 0 à 1440 minutes.")],
        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    person_id = SelectField("Intervenant(e)", coerce=optional_int, validators=[Optional()])
    partner_id = SelectField("Partenaire", coerce=optional_int, validators=[Optional()])
    participants = IntegerField("Personnes touchées", validators=[
        Optional(), NumberRange(0, 100000, "Nombre invalide.")],
        render_kw={"inputmode": "numeric"})
    service = StringField("Service / mission (code)", validators=[Length(max=60)])
    dossier = StringField(
        "Code dossier (pseudonyme)", validators=[Length(max=60)],
        description="Jamais un nom : seule une empreinte chiffrée est enregistrée.",
        render_kw={"autocomplete": "off"})


class ValueForm(FlaskForm):
    code = StringField("Code", validators=[DataRequired(REQUIRED), Length(max=60)],
                       description="Minuscules, sans accents ni espaces (ex. protoxyde_azote).")
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=150)])


class ValueEditForm(FlaskForm):
    label = StringField("Libellé", validators=[DataRequired(REQUIRED), Length(max=150)])
    active = BooleanField("Proposée à l'encodage (décocher pour la retirer)")


class ActivityImportForm(FlaskForm):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")
    force = BooleanField("Importer même si ce fichier a déjà été importé")
