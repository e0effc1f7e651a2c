"""Forms of the questionnaire pages (narratives are read field by field from the request)."""

from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.forms import REQUIRED, Form


class ActionForm(Form):
    """A button that posts (finalise, reopen, save narratives): the CSRF token only."""


class CorrectionForm(Form):
    target = SelectField("Chiffre à corriger", validate_choice=False,
                         validators=[DataRequired(REQUIRED)])
    value = StringField("Valeur corrigée", validators=[DataRequired(REQUIRED), Length(max=20)],
                        render_kw={"inputmode": "decimal", "autocomplete": "off"})
    reason = StringField("Motif", validators=[DataRequired("Indiquez le motif de la "
                                                           "correction."), Length(max=500)])


class DefinitionUploadForm(Form):
    file = FileField("Fichier de définition (YAML)",
                     validators=[FileRequired("Choisissez un fichier .yaml.")])


class TemplateUploadForm(Form):
    file = FileField("Formulaire du financeur (.docx ou .xlsx)",
                     validators=[FileRequired("Choisissez un fichier .docx ou .xlsx.")])
    title = StringField("Intitulé", validators=[Length(max=200)],
                        description="Par exemple « Rapport COCOF – modèle 2025 » (défaut : le "
                                    "nom du fichier).")
    template = SelectField("Nouveau formulaire ou nouvelle version", validate_choice=False)
