"""Marking a deadline submitted, with its proof."""

from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length


class SubmitForm(FlaskForm):
    submitted_on = DateField("Soumis le", default=date.today,
                             validators=[DataRequired("Date invalide (JJ/MM/AAAA).")])
    proof_reference = StringField(
        "Référence de la preuve", validators=[Length(max=300)],
        description="Numéro d'accusé de réception, objet du courriel d'envoi…")
    proof_file = FileField("Preuve (fichier)",
                           description="PDF, image, DOCX ou XLSX, 10 Mo au plus.")
